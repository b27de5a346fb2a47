namespace Reconciler.Model.Pricing;

/// <summary>The estimated monthly cost of a whole stack.</summary>
public sealed record CostEstimate
{
    /// <summary>The sum of <see cref="Lines"/>.</summary>
    public required decimal MonthlyUsd { get; init; }

    /// <summary>One line per resource, in the stack's order.</summary>
    public required IReadOnlyList<CostLine> Lines { get; init; }

    /// <summary>The prices used.</summary>
    public required PriceTable Prices { get; init; }
}
