namespace Reconciler.Aws.Protocol;

/// <summary>One attempt of an own client's request outlived the attempt timeout; the resilience pipeline retries it as transient.</summary>
internal sealed class AttemptTimeoutException : TimeoutException
{
    public AttemptTimeoutException(Exception inner)
        : base("The attempt did not answer within the attempt timeout.", inner)
    {
    }
}
