using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>A webhook endpoint on 127.0.0.1 that keeps every JSON body it receives, by path.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, JsonNode Body)> _received = new();
    private readonly Task _serving;

    public WebhookReceiver()
    {
        Port = Reconciler.Controller.Sandbox.MotoProcess.FindFreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>The bodies received on one path, in order.</summary>
    public IReadOnlyList<JsonNode> On(string path) => [.. _received.Where(r => r.Path == "/" + path).Select(r => r.Body)];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var text = await reader.ReadToEndAsync();
                _received.Enqueue((context.Request.Url!.AbsolutePath, JsonNode.Parse(text)!));
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
