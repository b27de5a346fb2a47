namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Polls until AWS reports a state, with a bounded, cancellable wait on the injected clock.</summary>
internal static class Waiter
{
    /// <summary>Polls <paramref name="isDone"/> until it returns true or <paramref name="timeout"/> passes.</summary>
    public static async Task UntilAsync(string what, Func<CancellationToken, Task<bool>> isDone, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        while (!await isDone(cancellationToken))
        {
            if (time.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }
}
