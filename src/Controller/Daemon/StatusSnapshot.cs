using Reconciler.Controller.State;

namespace Reconciler.Controller.Daemon;

/// <summary>One replica's view, as /status shows it.</summary>
internal sealed record StatusSnapshot
{
    /// <summary>This replica's identity in the lease.</summary>
    public string? Replica { get; init; }

    /// <summary>leader, standby or starting.</summary>
    public string Role { get; init; } = "starting";

    public string? Stack { get; init; }

    /// <summary>The replica leading the stack, as last observed, and its fencing token.</summary>
    public string? Leader { get; init; }

    public long? FencingToken { get; init; }

    /// <summary>The newest valid revision of the documents.</summary>
    public string? GoodRevision { get; init; }

    /// <summary>The revision last applied without error.</summary>
    public string? AppliedRevision { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>The newest revision seen, valid or not.</summary>
    public string? LatestRevision { get; init; }

    /// <summary>Why the newest revision is not in force, if it is not.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastCycleAt { get; init; }

    /// <summary>
    /// Each resource's state after the last cycle (in-sync, drifted, failed with its error,
    /// pending-delete), by Kind/name, in the same shape as the run record <c>reconciler status</c> reads.
    /// </summary>
    public IReadOnlyDictionary<string, ResourceStatus> Resources { get; init; } = new SortedDictionary<string, ResourceStatus>(StringComparer.Ordinal);

    /// <summary>Each inference service's rollout as the leader last recorded it (phase, step, weights, analysis).</summary>
    public IReadOnlyList<Rollouts.RolloutState> Rollouts { get; init; } = [];

    /// <summary>How many resources are in each state, as the reconciler_resources metric counts them.</summary>
    public IReadOnlyDictionary<string, int> ResourceCounts { get; init; } = new Dictionary<string, int>();
}
