namespace Reconciler.Controller.Aws;

/// <summary>
/// Decides, just before it is sent, whether a write request may go to AWS at all. The daemon's
/// gate refuses writes of a replica that does not hold its lease; the CLI has none.
/// </summary>
public interface IAwsWriteGate
{
    /// <summary>Throws when the write must not be sent; the exception reaches the caller unchanged.</summary>
    void EnsureMayWrite(string service, string operation);
}
