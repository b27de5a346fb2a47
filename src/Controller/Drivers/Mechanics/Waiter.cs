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

    /// <summary>Polls <paramref name="isDone"/> on the context's clock, for at most its wait timeout.</summary>
    public static Task UntilAsync(string what, Func<CancellationToken, Task<bool>> isDone, DriverContext context, CancellationToken cancellationToken) =>
        UntilAsync(what, isDone, context.Time, context.WaitTimeout, cancellationToken);

    /// <summary>Polls <paramref name="read"/> until it returns a value (a resource that became visible), and returns it.</summary>
    public static async Task<T> ForAsync<T>(string what, Func<CancellationToken, Task<T?>> read, DriverContext context, CancellationToken cancellationToken)
        where T : class
    {
        T? value = null;
        await UntilAsync(what, async ct => (value = await read(ct)) is not null, context, cancellationToken);
        return value!;
    }

    /// <summary>
    /// Sends <paramref name="call"/> until AWS stops refusing it with <typeparamref name="TRefusal"/>:
    /// for settings a new resource accepts only a little after it exists (DynamoDB's continuous
    /// backups, an IAM role a moment after its creation).
    /// </summary>
    public static Task UntilAcceptedAsync<TRefusal>(string what, Func<CancellationToken, Task> call, DriverContext context, CancellationToken cancellationToken)
        where TRefusal : Exception =>
        UntilAsync(
            what,
            async ct =>
            {
                try
                {
                    await call(ct);
                    return true;
                }
                catch (TRefusal)
                {
                    return false;
                }
            },
            context,
            cancellationToken);
}
