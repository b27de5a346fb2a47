namespace Reconciler.Controller.State;

/// <summary>
/// What the leader last did for a stack, kept in the state table so <c>reconciler status</c>
/// can tell anyone, from any machine: the revision in force, the last attempt and each
/// resource's state.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The revision (commit) last applied without error.</summary>
    public string? AppliedRevision { get; init; }

    /// <summary>When it was applied.</summary>
    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>The newest revision seen, applied or not.</summary>
    public string? LatestRevision { get; init; }

    /// <summary>When the last cycle ended.</summary>
    public DateTimeOffset? LastCycleAt { get; init; }

    /// <summary>Why the newest revision is not in force (invalid documents, a failed change), if it is not.</summary>
    public string? LastError { get; init; }

    /// <summary>The replica that wrote this record.</summary>
    public string? Holder { get; init; }

    /// <summary>Each resource's state: in-sync, drifted, failed, pending-delete, orphaned; failed ones with their error.</summary>
    public IReadOnlyDictionary<string, ResourceStatus> Resources { get; init; } = new Dictionary<string, ResourceStatus>();
}
