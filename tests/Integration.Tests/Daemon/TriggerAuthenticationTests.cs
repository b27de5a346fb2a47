using System.Net;
using System.Net.Http.Headers;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>POST /trigger with a trigger token: refused without it, accepted with it.</summary>
public sealed class TriggerAuthenticationTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Token = "trigger-token-for-tests-0001";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-trigger-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Trigger_WithTokenSet_NeedsTheBearerToken()
    {
        SmallStack.Write(_folder, "trigger-auth");
        await using var daemon = await InProcessDaemon.StartAsync(emulator.Environment, _folder, "--trigger-token", Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{daemon.Port}/"), Timeout = TimeSpan.FromSeconds(10) };

        using var anonymous = await http.PostAsync("trigger", null);
        using var wrong = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "trigger") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all") } });
        using var right = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "trigger") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.DoesNotContain(Token, daemon.Output, StringComparison.Ordinal);
    }
}
