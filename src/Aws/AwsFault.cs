namespace Reconciler.Aws;

/// <summary>What a failed AWS attempt means for retrying it.</summary>
public enum AwsFault
{
    /// <summary>Not worth another attempt: a client error, or the caller cancelled.</summary>
    None,

    /// <summary>AWS said "too fast": it refused the call before acting, so any call may be re-sent after a wait.</summary>
    Throttling,

    /// <summary>
    /// A server error, a timeout or a lost connection: the call may or may not have been carried
    /// out, so only calls that are safe to repeat are re-sent (<see cref="AwsCall.MayResend"/>).
    /// </summary>
    Transient,
}
