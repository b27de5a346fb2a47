using System.Diagnostics;
using System.Text;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// A steady stream of inference requests through the proxy, so the load balancer's metrics (and a
/// rollout's analysis of them) come from real requests. Requests are due at a fixed rate from the
/// start (not "one per interval after the last"), so slow answers do not lower the rate; at most
/// <see cref="MaxInFlight"/> are open at once, and a request due while that many are open is
/// skipped and counted, so a stuck service cannot make the load pile up.
/// </summary>
internal sealed class SyntheticLoad : IAsyncDisposable
{
    /// <summary>Highest rate accepted, requests per second.</summary>
    public const double MaxRate = 500;

    /// <summary>Open requests at most.</summary>
    public const int MaxInFlight = 64;

    // One penguin per request, a real row (Adelie): the model runs as it would for a client.
    private const string Body = """{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[39.1,18.7,181,3750]}]}""";

    private readonly HttpClient _http;
    private readonly Uri _infer;
    private readonly double _rate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _sent;
    private long _succeeded;
    private long _failed;
    private long _skipped;
    private int _inFlight;

    /// <summary>Starts sending <paramref name="ratePerSecond"/> requests a second to <paramref name="proxy"/>'s infer route of <paramref name="modelName"/>.</summary>
    public SyntheticLoad(Uri proxy, string modelName, double ratePerSecond)
    {
        if (ratePerSecond is <= 0 or > MaxRate || double.IsNaN(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, $"the rate must be above 0 and at most {MaxRate} requests a second");
        }

        _rate = ratePerSecond;
        _infer = new Uri(proxy, $"v2/models/{modelName}/infer");
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = MaxInFlight }) { Timeout = TimeSpan.FromSeconds(30) };
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Requests sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Answered 2xx.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Answered otherwise, or not answered.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Due while <see cref="MaxInFlight"/> were open, so not sent.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        // Requests still open are cancelled with the client.
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long due = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(1000 / _rate, 5, 100)));
        while (await tick.WaitForNextTickAsync(cancellationToken))
        {
            var target = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * _rate);
            for (; due < target; due++)
            {
                if (Interlocked.Increment(ref _inFlight) > MaxInFlight)
                {
                    Interlocked.Decrement(ref _inFlight);
                    Interlocked.Increment(ref _skipped);
                    continue;
                }

                Interlocked.Increment(ref _sent);
                _ = SendAsync(cancellationToken);
            }
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(Body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(_infer, content, cancellationToken);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _succeeded : ref _failed);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
