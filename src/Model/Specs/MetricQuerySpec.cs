namespace Reconciler.Model.Specs;

/// <summary>
/// A CloudWatch metric a <c>query</c> measurement reads. Dimension values may say
/// <c>{greenTargetGroup}</c>, <c>{blueTargetGroup}</c> or <c>{loadBalancer}</c>: the ALB
/// dimension values (targetgroup/NAME/ID, app/NAME/ID) of the rollout's sides at that moment.
/// </summary>
public sealed record MetricQuerySpec
{
    /// <summary>The metric's namespace, e.g. AWS/ApplicationELB or an application's own.</summary>
    public required string Namespace { get; init; }

    /// <summary>The metric's name.</summary>
    public required string MetricName { get; init; }

    /// <summary>The metric's dimensions, all of them (CloudWatch matches the exact set).</summary>
    public IReadOnlyList<MetricDimensionSpec> Dimensions { get; init; } = [];
}
