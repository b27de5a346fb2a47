namespace Reconciler.Controller.Aws;

/// <summary>
/// A request made after the configured crash point (<see cref="AwsFaultOptions.CrashAfter"/>): it
/// never reaches AWS. Deliberately not a network error, so it is not retried: the process is
/// meant to be dead, and the apply is abandoned as a crash would abandon it.
/// </summary>
public sealed class AwsInjectedCrashException : Exception
{
    /// <summary>Creates the exception for request <paramref name="number"/>.</summary>
    public AwsInjectedCrashException(int number, int crashAfter)
        : base($"Injected crash: request {number} came after request {crashAfter}.")
    {
    }
}
