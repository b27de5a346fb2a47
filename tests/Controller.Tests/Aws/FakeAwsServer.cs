using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>
/// A tiny AWS stand-in on 127.0.0.1: each request is recorded and answered by the test's
/// responder; a null answer leaves the request hanging until the server is disposed.
/// </summary>
internal sealed class FakeAwsServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<ReceivedRequest, FakeAnswer?> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public FakeAwsServer(Func<ReceivedRequest, FakeAnswer?> respond)
    {
        _respond = respond;
        // HttpListener cannot pick a port itself: take a free one, retrying if it is snatched.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Endpoint = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Waits (bounded) until <paramref name="count"/> requests have arrived in all.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_requests.Count < count)
        {
            await _arrived.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.AllKeys
            .Where(k => k is not null)
            .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body);
        _requests.Enqueue(request);
        _arrived.Release();

        var answer = _respond(request);
        if (answer is null)
        {
            // Hang: never answer; the client's timeout must deal with it.
            return;
        }

        try
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers)
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up on this request first.
        }
    }
}
