namespace Reconciler.Aws;

/// <summary>
/// A write that must not be sent twice (<see cref="AwsWriteSafety"/>) got no usable answer: a
/// server error, a timeout or a lost connection. It may or may not have been carried out; the
/// caller finds out by looking (drivers look for the resource by its tags) rather than by
/// sending it again.
/// </summary>
public sealed class AwsWriteOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception around the attempt's own failure.</summary>
    public AwsWriteOutcomeUnknownException(AwsCall call, Exception inner)
        : base($"AWS {call.Service} {call.Operation} got no usable answer ({inner.Message}); it may have been carried out, so it is not sent again blindly.", inner)
    {
        Call = call;
    }

    /// <summary>The write whose outcome is unknown.</summary>
    public AwsCall Call { get; }
}
