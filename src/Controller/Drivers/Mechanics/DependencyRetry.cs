using Amazon.Runtime;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Retries a delete or detach that AWS refuses because something still depends on the resource
/// (EC2's <c>DependencyViolation</c>): network interfaces of deleted instances, Lambda functions
/// or load balancers take minutes to go, so the first refusal is usually temporary.
/// </summary>
internal static class DependencyRetry
{
    /// <summary>The longest one delete waits for dependants to go, whatever the context allows.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <paramref name="action"/> until it stops failing with a dependency error, for at most
    /// <see cref="MaxWait"/> (or the context's wait timeout, when shorter). Other errors pass through.
    /// </summary>
    public static Task RunAsync(string what, Func<CancellationToken, Task> action, DriverContext context, CancellationToken cancellationToken) =>
        RunAsync(what, action, [], context, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(string, Func{CancellationToken, Task}, DriverContext, CancellationToken)"/>,
    /// also retrying the API's own "still in use" codes (an Elastic IP a deleted NAT gateway still
    /// holds for a moment is <c>InvalidIPAddress.InUse</c>).
    /// </summary>
    public static async Task RunAsync(string what, Func<CancellationToken, Task> action, IReadOnlyCollection<string> inUseCodes, DriverContext context, CancellationToken cancellationToken)
    {
        AmazonServiceException? last = null;
        try
        {
            await Waiter.UntilAsync(
                what,
                async ct =>
                {
                    try
                    {
                        await action(ct);
                        return true;
                    }
                    catch (AmazonServiceException e) when (e.ErrorCode == "DependencyViolation" || inUseCodes.Contains(e.ErrorCode))
                    {
                        last = e;
                        return false;
                    }
                },
                context.Time,
                context.WaitTimeout < MaxWait ? context.WaitTimeout : MaxWait,
                cancellationToken);
        }
        catch (TimeoutException e) when (last is not null)
        {
            throw new TimeoutException($"{e.Message} AWS still said: {last.ErrorCode}: {last.Message}", last);
        }
    }
}
