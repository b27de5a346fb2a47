namespace Reconciler.Controller.Aws;

/// <summary>
/// The gate of a process that contests no lease: the CLI (apply, plan, status ...), run by a
/// person on purpose, and the daemon's own lease client, whose bids for the lease are writes.
/// Every known write passes. Operations of unknown write-ness are still refused, by the handler
/// before any gate is asked, so every CLI run checks the table of SDK operations too.
/// </summary>
internal sealed class LeaselessWriteGate : IAwsWriteGate
{
    private LeaselessWriteGate()
    {
    }

    /// <summary>The one instance; it holds no state.</summary>
    public static LeaselessWriteGate Instance { get; } = new();

    /// <summary>Lets the write through.</summary>
    public void EnsureMayWrite(string service, string operation)
    {
    }
}
