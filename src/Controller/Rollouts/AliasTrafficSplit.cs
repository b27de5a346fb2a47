using Reconciler.Aws.Clients.Lambda;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// A Lambda runtime's two sides: two published versions of the function behind one alias, named
/// in the state by their version numbers. Blue is the alias's <c>FunctionVersion</c>; green is a
/// version published for the target model (<see cref="GreenVersions"/>) and reached through the
/// alias's routing (<c>AdditionalVersionWeights</c>). Weights are written absolute with
/// UpdateAlias carrying the RevisionId of the GetAlias just read (a concurrent writer makes it
/// fail, and the step is tried again), then read back with GetAlias.
/// </summary>
internal sealed class AliasTrafficSplit(ILambdaClient lambda, GreenVersions versions, string function, string alias) : ITrafficSplit
{
    private const string Namespace = "AWS/Lambda";

    public string Kind => RolloutState.LambdaRuntime;

    public string Where => "the alias";

    public async Task<(string Blue, string Green, int GreenWeight)> FirstSightAsync(CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken);
        var blue = current.FunctionVersion ?? throw new InvalidOperationException($"alias {alias} of {function} names no version.");
        return current.RoutingConfig?.AdditionalVersionWeights?.FirstOrDefault() is { Key: { } green } routed
            ? (blue, green, Percent(routed.Value))
            : (blue, "", 0);
    }

    /// <summary>
    /// Green needs a version serving the target before it gets weight: recorded as being published
    /// (fenced) before Lambda is touched, then found or published, then its number recorded as
    /// green. Nothing to prepare for 0 % (all traffic on blue) or a green already published for
    /// the target.
    /// </summary>
    public async Task<RolloutState> PrepareGreenAsync(RolloutWriter writer, RolloutState state, int greenWeight, CancellationToken cancellationToken)
    {
        if (greenWeight == 0 || state.Target is not { } target || (state.GreenPreparedFor == target.Label && state.CandidateSide.Length > 0))
        {
            return state;
        }

        if (state.PreparingGreenFor != target.Label)
        {
            state = await writer.WriteAsync(state, state with { PreparingGreenFor = target.Label, Message = $"publishing green: a version of {function} serving model version {target.Label}" }, cancellationToken);
        }

        var version = await versions.FindOrPublishAsync(function, target, cancellationToken);
        return await writer.WriteAsync(
            state,
            state with { CandidateSide = version, GreenPreparedFor = target.Label, PreparingGreenFor = null, Message = $"green is version {version} of {function}, serving model version {target.Label}" },
            cancellationToken);
    }

    public async Task WriteAsync(RolloutState state, int green, CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken);
        var (version, weights) = green switch
        {
            0 => (state.StableSide, new Dictionary<string, double>()),
            100 => (state.CandidateSide, new Dictionary<string, double>()),
            _ => (state.StableSide, new Dictionary<string, double> { [state.CandidateSide] = green / 100.0 }),
        };

        // Empty weights remove the routing; the RevisionId refuses the write if the alias changed since it was read.
        await lambda.UpdateAliasAsync(
            new UpdateAliasRequest
            {
                FunctionName = function,
                Name = alias,
                FunctionVersion = version,
                RoutingConfig = new AliasRoutingConfiguration { AdditionalVersionWeights = weights },
                RevisionId = current.RevisionId,
            },
            cancellationToken);
    }

    public async Task<int?> ReadGreenAsync(RolloutState state, CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken);
        var weights = current.RoutingConfig?.AdditionalVersionWeights ?? new Dictionary<string, double>();
        if (current.FunctionVersion == state.CandidateSide && state.CandidateSide.Length > 0)
        {
            return weights.Count == 0 ? 100 : null;
        }

        if (current.FunctionVersion != state.StableSide)
        {
            return null;
        }

        return weights.Count switch
        {
            0 => 0,
            1 when weights.TryGetValue(state.CandidateSide, out var share) => Percent(share),
            _ => null,
        };
    }

    public MetricSource Metrics(RolloutState state) =>
        new(
            Namespace,
            Requests: "Invocations",
            Errors: "Errors",
            Latency: "Duration",
            LatencyToSeconds: 0.001,

            // Lambda publishes an alias's invocations per version that ran them (Resource FUNCTION:ALIAS, ExecutedVersion).
            GreenDimensions: [new("FunctionName", function), new("Resource", $"{function}:{alias}"), new("ExecutedVersion", state.CandidateSide)],
            Placeholders: new Dictionary<string, string>
            {
                ["{greenVersion}"] = state.CandidateSide,
                ["{blueVersion}"] = state.StableSide,
                ["{function}"] = function,
                ["{alias}"] = alias,
            },
            Green: $"version {state.CandidateSide} of {function}:{alias}",
            Counted: ("invocations", "ended in a function error"));

    private static int Percent(double share) => (int)Math.Round(share * 100, MidpointRounding.AwayFromZero);

    private Task<AliasConfiguration> GetAsync(CancellationToken cancellationToken) =>
        lambda.GetAliasAsync(new GetAliasRequest { FunctionName = function, Name = alias }, cancellationToken);
}
