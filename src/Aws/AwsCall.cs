namespace Reconciler.Aws;

/// <summary>One AWS call as the resilience pipeline sees it.</summary>
/// <param name="Service">The service's signing name, e.g. "ec2".</param>
/// <param name="Operation">The operation's name in the service model, e.g. "CreateVpc".</param>
/// <param name="Writes">Whether the operation changes anything in AWS.</param>
public sealed record AwsCall(string Service, string Operation, bool Writes)
{
    /// <summary>
    /// Whether the call may be sent again when its answer was lost (server error, timeout,
    /// connection reset): reads always; writes unless repeating one would make a second resource
    /// (<see cref="AwsWriteSafety"/>).
    /// </summary>
    public bool MayResend => !Writes || AwsWriteSafety.MayResend(Service, Operation);
}
