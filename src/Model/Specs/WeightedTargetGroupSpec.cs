using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One target group of a forward action and its share of the requests.</summary>
public sealed record WeightedTargetGroupSpec
{
    /// <summary>The TargetGroup document requests are forwarded to.</summary>
    [Reference("TargetGroup")]
    public required string TargetGroup { get; init; }

    /// <summary>Its weight, 0 to 999: the share is weight / sum of weights (0 sends nothing).</summary>
    [Range(0, 999)]
    public int Weight { get; init; } = 1;
}
