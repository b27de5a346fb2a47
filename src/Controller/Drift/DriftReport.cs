namespace Reconciler.Controller.Drift;

/// <summary>What one observation of a stack decided: the notifications sent and the alerts left open.</summary>
public sealed record DriftReport
{
    /// <summary>The stack's name.</summary>
    public required string Stack { get; init; }

    /// <summary>The revision the cycle reconciled.</summary>
    public required string Revision { get; init; }

    /// <summary>The notifications of this cycle, in plan order; empty when nothing changed.</summary>
    public required IReadOnlyList<DriftNotification> Notifications { get; init; }

    /// <summary>The stack's open alerts after this cycle, ordered by resource.</summary>
    public required IReadOnlyList<DriftAlert> Open { get; init; }
}
