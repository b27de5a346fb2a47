using System.Threading.Channels;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// Wakes the reconcile loop: at the poll interval (with jitter, so replicas and stacks do not
/// poll in step), or at once when a webhook posts to /trigger or the process gets SIGHUP.
/// Triggers that arrive while a cycle runs collapse into one next cycle.
/// </summary>
internal sealed class CycleTrigger(TimeProvider time)
{
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a cycle now; <paramref name="reason"/> is logged.</summary>
    public void Request(string reason) => _requests.Writer.TryWrite(reason);

    /// <summary>Waits for the next cycle: a request, or the interval with up to <paramref name="jitter"/> of it added.</summary>
    /// <returns>Why the cycle starts.</returns>
    public async Task<string> WaitAsync(TimeSpan interval, double jitter, CancellationToken cancellationToken)
    {
        var delay = interval * (1 + (Random.Shared.NextDouble() * jitter));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, timeout.Token);
        var request = _requests.Reader.WaitToReadAsync(timeout.Token).AsTask();
        var first = await Task.WhenAny(timer, request);
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (first == request && _requests.Reader.TryRead(out var reason))
        {
            return reason;
        }

        return "poll interval";
    }
}
