namespace Reconciler.Controller.Aws;

/// <summary>
/// Decides, just before it is sent, whether a declared write may go to AWS at all. The handler
/// asks only for operations declared as writes (by an own client's <see cref="AwsOperation"/>
/// or the SDK table); an operation whose write-ness is unknown is refused before any gate is
/// asked. The daemon's gate refuses writes of a replica that does not hold its lease; the CLI's
/// (<see cref="LeaselessWriteGate"/>) lets them through.
/// </summary>
public interface IAwsWriteGate
{
    /// <summary>Throws when the write must not be sent; the exception reaches the caller unchanged.</summary>
    /// <param name="service">The service's signing name, e.g. "lambda".</param>
    /// <param name="operation">The operation's declared name, e.g. "CreateFunction".</param>
    void EnsureMayWrite(string service, string operation);
}
