namespace Reconciler.Model.Specs;

/// <summary>One dimension of a queried metric.</summary>
public sealed record MetricDimensionSpec
{
    /// <summary>The dimension's name, e.g. TargetGroup.</summary>
    public required string Name { get; init; }

    /// <summary>Its value; may be {greenTargetGroup}, {blueTargetGroup} or {loadBalancer}.</summary>
    public required string Value { get; init; }
}
