namespace Reconciler.Model.Pricing;

/// <summary>A usage figure the estimate assumes (e.g. 50 GB in the model bucket), and why.</summary>
public sealed record UsageAssumption
{
    public required decimal Value { get; init; }

    public required string Why { get; init; }
}
