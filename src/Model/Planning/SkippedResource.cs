namespace Reconciler.Model.Planning;

/// <summary>A resource the plan leaves alone because it could not be observed, and why.</summary>
public sealed record SkippedResource
{
    public required ResourceKey Key { get; init; }

    /// <summary>The observe error, or which unobserved resource it depends on.</summary>
    public required string Reason { get; init; }
}
