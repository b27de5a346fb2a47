using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>Talks to a running daemon's HTTP endpoints.</summary>
internal sealed class DaemonClient(int port) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };

    public int Port => port;

    /// <summary>The /status document, or null while the daemon does not answer.</summary>
    public async Task<JsonObject?> StatusAsync()
    {
        try
        {
            return await _http.GetFromJsonAsync<JsonObject>("status");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<string?> RoleAsync() => (string?)(await StatusAsync())?["role"];

    public async Task TriggerAsync() => (await _http.PostAsync("trigger", null)).EnsureSuccessStatusCode();

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; false on timeout.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }

        return await condition();
    }

    public void Dispose() => _http.Dispose();
}
