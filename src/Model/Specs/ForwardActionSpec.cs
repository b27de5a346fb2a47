using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// Forwards requests to one or several target groups by weight: the blue-green and A/B
/// mechanism. <c>weights</c> says who owns the weights: the document (<c>declared</c>, diffed
/// like any field) or a rollout (<c>rollout</c>: the document's weights are used at create only,
/// then the rollout controller moves them and they are never drift).
/// </summary>
public sealed record ForwardActionSpec
{
    /// <summary>Who owns the weights after create.</summary>
    public const string DeclaredWeights = "declared";

    /// <summary>A rollout moves the weights; the reconciler writes them only at create.</summary>
    public const string RolloutWeights = "rollout";

    /// <summary>The target groups and their weights (1 to 5). Compared as a set.</summary>
    public required IReadOnlyList<WeightedTargetGroupSpec> TargetGroups { get; init; }

    /// <summary>Seconds a client sticks to the target group it was sent to; 0 turns stickiness off.</summary>
    [Range(0, 604800)]
    public int StickinessSeconds { get; init; }

    /// <summary>Who owns the weights: <c>declared</c> (this document) or <c>rollout</c> (the rollout controller, after create).</summary>
    /// <remarks>The controller's own setting, not AWS state: never diffed.</remarks>
    [AllowedValues(DeclaredWeights, RolloutWeights)]
    public string Weights { get; init; } = DeclaredWeights;
}
