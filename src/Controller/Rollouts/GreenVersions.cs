using Reconciler.Aws.Clients.Lambda;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model.Specs;
using LambdaEnvironment = Reconciler.Aws.Clients.Lambda.Environment;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// Publishes a Lambda function version serving one model: the model's environment keys
/// (<see cref="LambdaRuntimeSpec.ModelEnvironment"/>) set on <c>$LATEST</c>, merged into the rest
/// of its environment, then PublishVersion with a description naming the model. The description
/// makes it idempotent: a version already published for the model (by a leader killed before it
/// recorded the number) is found and used, never published twice.
/// </summary>
internal sealed class GreenVersions(ILambdaClient lambda)
{
    // Lambda finishes a configuration update within seconds; a version of a function still updating is refused.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The description of the version serving <paramref name="model"/>.</summary>
    public static string DescriptionOf(ModelRef model) =>
        $"reconciler rollout: model version {model.Label} (S3 object version {model.VersionId})";

    /// <summary>The environment that serves <paramref name="model"/>: <paramref name="current"/> with the model's keys set.</summary>
    public static Dictionary<string, string> EnvironmentFor(ModelRef model, IReadOnlyDictionary<string, string>? current)
    {
        var environment = new Dictionary<string, string>(current ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [LambdaRuntimeSpec.VersionKey] = model.Label,
            [LambdaRuntimeSpec.VersionIdKey] = model.VersionId,
            [LambdaRuntimeSpec.Sha256Key] = model.Sha256,
        };
        return environment;
    }

    /// <summary>The number of the version of <paramref name="function"/> serving <paramref name="model"/>, published now unless it already was.</summary>
    public async Task<string> FindOrPublishAsync(string function, ModelRef model, CancellationToken cancellationToken)
    {
        var description = DescriptionOf(model);
        var published = await LambdaVersions.PublishedAsync(lambda, function, cancellationToken);
        if (published.LastOrDefault(v => v.Description == description)?.Version is { } found)
        {
            return found;
        }

        var config = await SettledAsync(function, cancellationToken);
        var environment = EnvironmentFor(model, config.Environment?.Variables);
        if (!SameEnvironment(environment, config.Environment?.Variables))
        {
            await lambda.UpdateFunctionConfigurationAsync(
                new UpdateFunctionConfigurationRequest { FunctionName = function, Environment = new LambdaEnvironment { Variables = environment }, RevisionId = config.RevisionId },
                cancellationToken);
            config = await SettledAsync(function, cancellationToken);
        }

        return await LambdaPublishing.PublishAsync(lambda, config, description, cancellationToken);
    }

    private static bool SameEnvironment(IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string>? live) =>
        live is not null && wanted.Count == live.Count && wanted.All(e => live.TryGetValue(e.Key, out var value) && value == e.Value);

    // Polled on the real clock: a rollout's own clock (a test's) does not move while it waits for AWS.
    private Task<FunctionConfiguration> SettledAsync(string function, CancellationToken cancellationToken) =>
        LambdaPublishing.SettledAsync(lambda, function, $"function {function}", TimeProvider.System, SettleTimeout, cancellationToken);
}
