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

    /// <summary>Resources by state after the last cycle.</summary>
    public IReadOnlyDictionary<string, int> Resources { get; init; } = new Dictionary<string, int>();
}
