namespace Reconciler.Controller.Daemon;

/// <summary>
/// What this replica knows right now, served at /status and used by /readyz: its role, the
/// leader, the revision in force and the last cycle. Written by the loop, read by HTTP
/// requests: each update replaces one immutable snapshot.
/// </summary>
internal sealed class ControllerStatus
{
    private StatusSnapshot _current = new();

    /// <summary>The latest snapshot.</summary>
    public StatusSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Ready once a revision of the documents was read and validated (leader or standby).</summary>
    public bool IsReady => Current.AppliedRevision is not null || Current.GoodRevision is not null;

    /// <summary>Replaces the snapshot with a changed copy.</summary>
    public void Update(Func<StatusSnapshot, StatusSnapshot> change)
    {
        StatusSnapshot before, after;
        do
        {
            before = Volatile.Read(ref _current);
            after = change(before);
        }
        while (Interlocked.CompareExchange(ref _current, after, before) != before);
    }
}
