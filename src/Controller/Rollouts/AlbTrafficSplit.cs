using Reconciler.Model.Specs;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// An ALB runtime's two sides: the listener's blue and green target groups, named in the state by
/// their TargetGroup documents (which one is blue swaps with every finished rollout). Green is
/// ready once its target group is tagged with the version it must serve, which is sent again
/// before every weight write (absolute, so sending it twice lands the same).
/// </summary>
internal sealed class AlbTrafficSplit(AlbWeights weights, AlbRuntimeSpec alb, string listenerArn, IReadOnlyDictionary<string, string> groupArns) : ITrafficSplit
{
    private const string Namespace = "AWS/ApplicationELB";

    public string Kind => RolloutState.AlbRuntime;

    public string Where => "the listener";

    public async Task<(string Blue, string Green, int GreenWeight)> FirstSightAsync(CancellationToken cancellationToken) =>
        (alb.Blue, alb.Green, await weights.ReadGreenAsync(new AlbSides(listenerArn, groupArns[alb.Blue], groupArns[alb.Green]), cancellationToken) ?? 0);

    public async Task<RolloutState> PrepareGreenAsync(RolloutWriter writer, RolloutState state, int greenWeight, CancellationToken cancellationToken)
    {
        await weights.LabelAsync(Sides(state), state.Stable.Label, state.Target?.Label ?? state.Stable.Label, cancellationToken);
        return state;
    }

    public Task WriteAsync(RolloutState state, int green, CancellationToken cancellationToken) => weights.WriteAsync(Sides(state), green, cancellationToken);

    public Task<int?> ReadGreenAsync(RolloutState state, CancellationToken cancellationToken) => weights.ReadGreenAsync(Sides(state), cancellationToken);

    public MetricSource Metrics(RolloutState state)
    {
        var sides = Sides(state);
        return new MetricSource(
            Namespace,
            Requests: "RequestCount",
            Errors: "HTTPCode_Target_5XX_Count",
            Latency: "TargetResponseTime",
            LatencyToSeconds: 1,
            GreenDimensions: [new("LoadBalancer", sides.LoadBalancerDimension), new("TargetGroup", sides.GreenDimension)],
            Placeholders: new Dictionary<string, string>
            {
                ["{greenTargetGroup}"] = sides.GreenDimension,
                ["{blueTargetGroup}"] = sides.BlueDimension,
                ["{loadBalancer}"] = sides.LoadBalancerDimension,
            },
            Green: sides.GreenDimension,
            Counted: ("requests", "answered 5xx"));
    }

    // A side the document no longer names (renamed target groups) falls back to the document's role.
    private AlbSides Sides(RolloutState state) =>
        new(listenerArn, groupArns.GetValueOrDefault(state.StableSide) ?? groupArns[alb.Blue], groupArns.GetValueOrDefault(state.CandidateSide) ?? groupArns[alb.Green]);
}
