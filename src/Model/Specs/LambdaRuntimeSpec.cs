using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// The Lambda side of a blue-green service: an alias whose version and routing the rollout owns
/// (<c>routingOwner: rollout</c>). Blue is the version the alias points at; green is a version
/// the rollout publishes from the function's <c>$LATEST</c> with the new model's environment
/// (<see cref="ModelEnvironment"/>), so those keys of the function belong to the rollout.
/// </summary>
public sealed record LambdaRuntimeSpec
{
    /// <summary>The environment key naming the model version label the function serves.</summary>
    public const string VersionKey = "Inference__Models__0__Version";

    /// <summary>The environment key naming the S3 object version the label resolved to.</summary>
    public const string VersionIdKey = "Inference__Models__0__S3__VersionId";

    /// <summary>The environment key holding the model's SHA-256, which the service checks the bytes against.</summary>
    public const string Sha256Key = "Inference__Models__0__Sha256";

    /// <summary>The function's environment keys the rollout writes when it publishes green (the inference service reads them).</summary>
    public static IReadOnlyList<string> ModelEnvironment { get; } = [VersionKey, VersionIdKey, Sha256Key];

    /// <summary>The Alias document whose version and routing weights the rollout moves.</summary>
    [Reference("Alias")]
    public required string Alias { get; init; }

    /// <summary>An alias that leaves its version and routing to the rollout.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (Alias is null || rules.Find<AliasSpec>(Alias) is not { } alias)
        {
            return;
        }

        if (alias.RoutingOwner != AliasSpec.RolloutRouting)
        {
            rules.Error($"{path}.alias", $"Alias '{Alias}' of InferenceService spec.{path}.alias must have routingOwner: {AliasSpec.RolloutRouting} (it has {alias.RoutingOwner}), so the rollout owns its version and routing weights");
        }
    }
}
