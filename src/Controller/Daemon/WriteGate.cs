using Reconciler.Controller.Aws;
using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// The last line of the lease: every declared AWS write of the daemon (an own client's
/// <see cref="AwsOperation"/> or a line of the SDK table, of any protocol) passes here just
/// before it is sent, and is refused unless this replica holds the lease with time to spare on
/// its own monotonic clock. A process frozen past its lease (SIGSTOP, a long GC, a paused VM)
/// wakes up with a cycle in mid-flight; its next write is stopped here, before the elector's
/// timer has even run. Operations whose write-ness is unknown never reach this gate: the
/// request handler refuses them first, leader or not.
/// </summary>
internal sealed class WriteGate : IAwsWriteGate
{
    private LeaderElector? _elector;

    /// <summary>Starts checking writes against <paramref name="elector"/>'s lease.</summary>
    public void Watch(LeaderElector elector) => Volatile.Write(ref _elector, elector);

    /// <summary>
    /// Throws when a watched replica may not write now. Before <see cref="Watch"/> (the daemon
    /// creates the state table before it contests the lease) known writes pass, as in the CLI.
    /// </summary>
    public void EnsureMayWrite(string service, string operation)
    {
        if (Volatile.Read(ref _elector) is { } elector && !elector.MayWrite)
        {
            throw new WriteRefusedException($"Refused {service} {operation}: replica {elector.Identity} does not hold the lease of stack {elector.Stack} with time to spare.");
        }
    }
}
