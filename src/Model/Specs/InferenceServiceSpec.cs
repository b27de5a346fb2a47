using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A deployed inference service: the model version it serves, the runtime whose traffic it
/// shifts between a blue and a green side, and the strategy of that shift. Changing
/// <c>model.version</c> starts a rollout: blue keeps serving the old version until green has
/// earned the traffic step by step (see docs/rollouts.md).
/// </summary>
/// <remarks>
/// There is no AWS resource called an inference service: the listener, the target groups and
/// the model bucket are kinds of their own. This document says which version should run and how
/// to get there; the controller resolves the version label to an S3 object version and its
/// SHA-256 (docs/model-versions.md) and the rollout engine moves the listener's weights.
/// Nothing to replace, so nothing is <c>[Immutable]</c>: a change of runtime applies to the next rollout.
/// </remarks>
[Kind("InferenceService")]
public sealed record InferenceServiceSpec : IResourceSpec
{
    /// <summary>The model: its bucket, key and the version label people edit to roll out.</summary>
    public required InferenceModelSpec Model { get; init; }

    /// <summary>Where the service runs and how its traffic is split between blue and green.</summary>
    public required InferenceRuntimeSpec Runtime { get; init; }

    /// <summary>How a new version moves from green to all traffic.</summary>
    public required RolloutStrategySpec Strategy { get; init; }

    /// <summary>A runtime of exactly one kind; steps that each do one thing; analysis that can be measured.</summary>
    public void Validate(SpecRules rules)
    {
        Model?.Validate(rules, "model");
        Runtime?.Validate(rules, "runtime");
        Strategy?.Validate(rules, "strategy");
    }

    /// <summary>
    /// The runtime and the strategy are the controller's own settings (no AWS state holds them):
    /// never drift. The model version is compared with what its label resolves to.
    /// </summary>
    public IEnumerable<string> FieldsOwnedElsewhere() => ["runtime", "strategy"];

    /// <summary>
    /// On a Lambda alias, the model environment keys of the alias's function
    /// (<see cref="LambdaRuntimeSpec.ModelEnvironment"/>): the rollout sets them on <c>$LATEST</c>
    /// to publish green, so the Function document neither drifts on them nor writes over them.
    /// </summary>
    public IEnumerable<(ResourceKey Document, string Field)> FieldsOwnedInOtherDocuments(Func<ResourceKey, IResourceSpec?> find) =>
        Runtime?.Lambda is { Alias: { } alias } && find(new ResourceKey("Alias", alias)) is AliasSpec { Function: { } function }
            ? LambdaRuntimeSpec.ModelEnvironment.Select(key => (new ResourceKey("Function", function), $"environment.{key}"))
            : [];

    /// <summary>AWS charges nothing for the service itself: its listener, target groups, compute and model bucket are priced as their own kinds.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
