namespace Reconciler.Model.Pricing;

/// <summary>One list price: what one unit of something costs, and where the figure comes from.</summary>
public sealed record UnitPrice
{
    /// <summary>US dollars per <see cref="Unit"/>.</summary>
    public required decimal Usd { get; init; }

    /// <summary>What is counted: <c>GB-month</c>, <c>hour</c>, <c>million requests</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>The AWS pricing page the figure comes from.</summary>
    public required string Source { get; init; }

    public string? Note { get; init; }
}
