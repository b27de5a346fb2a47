namespace Reconciler.Model.Pricing;

/// <summary>The cost side of a plan: the stack's monthly total once applied, and what this plan changes.</summary>
public sealed record PlanCost
{
    /// <summary>Monthly cost of every desired resource.</summary>
    public required decimal MonthlyUsd { get; init; }

    /// <summary>What the plan adds minus what it removes, a month. Orphans remove nothing from the bill.</summary>
    public required decimal DeltaUsd { get; init; }

    /// <summary>Per-resource cost of the stack once applied.</summary>
    public required IReadOnlyList<CostLine> Lines { get; init; }

    /// <summary>The changes that move the bill (creates, updates, replacements, deletes), zero deltas left out.</summary>
    public required IReadOnlyList<CostChange> Changes { get; init; }

    public required PriceTable Prices { get; init; }
}
