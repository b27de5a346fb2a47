using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// The steps a rollout takes, in order. After the last one the rollout finishes: green gets all
/// traffic (when the steps did not already give it) and becomes the new blue.
/// </summary>
public sealed record RolloutStrategySpec
{
    /// <summary>The steps: <c>setWeight</c>, <c>pause</c> and <c>analysis</c>, each doing exactly one thing.</summary>
    public required IReadOnlyList<RolloutStepSpec> Steps { get; init; }

    /// <summary>One or more steps, each valid.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (Steps is null)
        {
            return;
        }

        if (Steps.Count == 0)
        {
            rules.Error($"{path}.steps", $"{path}.steps in InferenceService spec is empty; list at least one step, e.g. - setWeight: 10");
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            Steps[i]?.Validate(rules, $"{path}.steps[{i}]");
        }
    }
}
