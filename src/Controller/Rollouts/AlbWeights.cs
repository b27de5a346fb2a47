using Reconciler.Aws.Clients.ElasticLoadBalancingV2;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// Writes a listener's forward weights as absolute values and reads them back. Written absolute
/// (never "plus 20"), a write sent twice, after a crash or by a resumed leader, lands the same.
/// The default action's stickiness is kept; the target groups are exactly blue and green.
/// </summary>
internal sealed class AlbWeights(IElasticLoadBalancingV2Client elbv2)
{
    /// <summary>Sends blue 100 − <paramref name="green"/>, green <paramref name="green"/>.</summary>
    public async Task WriteAsync(AlbSides sides, int green, CancellationToken cancellationToken)
    {
        var listener = await DescribeAsync(sides, cancellationToken);
        var stickiness = listener.DefaultActions?.FirstOrDefault(a => a.Type == "forward")?.ForwardConfig?.TargetGroupStickinessConfig;
        await elbv2.ModifyListenerAsync(
            new ModifyListenerInput
            {
                ListenerArn = sides.ListenerArn,
                DefaultActions =
                [
                    new Reconciler.Aws.Clients.ElasticLoadBalancingV2.Action
                    {
                        Type = "forward",
                        ForwardConfig = new ForwardActionConfig
                        {
                            TargetGroups =
                            [
                                new TargetGroupTuple { TargetGroupArn = sides.BlueArn, Weight = 100 - green },
                                new TargetGroupTuple { TargetGroupArn = sides.GreenArn, Weight = green },
                            ],
                            TargetGroupStickinessConfig = stickiness,
                        },
                    },
                ],
            },
            cancellationToken);
    }

    /// <summary>
    /// Tags each side's target group with the model version it must serve (<c>model-version</c>,
    /// docs/model-versions.md), before any weight moves to it: whatever runs behind a target group
    /// (the sandbox's data plane, a deployment hook) learns from the tag which version to load.
    /// Absolute values, so sending it twice lands the same.
    /// </summary>
    public Task LabelAsync(AlbSides sides, string stableVersion, string candidateVersion, CancellationToken cancellationToken) =>
        Task.WhenAll(
            elbv2.AddTagsAsync(new AddTagsInput { ResourceArns = [sides.BlueArn], Tags = [new Tag { Key = ModelVersionTag, Value = stableVersion }] }, cancellationToken),
            elbv2.AddTagsAsync(new AddTagsInput { ResourceArns = [sides.GreenArn], Tags = [new Tag { Key = ModelVersionTag, Value = candidateVersion }] }, cancellationToken));

    /// <summary>The target group tag naming the model version its targets serve.</summary>
    public const string ModelVersionTag = "model-version";

    /// <summary>Green's share in percent as the listener holds it now (DescribeListeners); null when it does not forward to both sides.</summary>
    public async Task<int?> ReadGreenAsync(AlbSides sides, CancellationToken cancellationToken)
    {
        var listener = await DescribeAsync(sides, cancellationToken);
        var groups = listener.DefaultActions?.FirstOrDefault(a => a.Type == "forward")?.ForwardConfig?.TargetGroups ?? [];
        var blue = groups.FirstOrDefault(g => g.TargetGroupArn == sides.BlueArn)?.Weight ?? 0;
        var green = groups.FirstOrDefault(g => g.TargetGroupArn == sides.GreenArn)?.Weight ?? 0;
        return blue + green == 0 ? null : (int)Math.Round(100.0 * green / (blue + green));
    }

    private async Task<Listener> DescribeAsync(AlbSides sides, CancellationToken cancellationToken) =>
        (await elbv2.DescribeListenersAsync(new DescribeListenersInput { ListenerArns = [sides.ListenerArn] }, cancellationToken)).Listeners?.FirstOrDefault()
        ?? throw new InvalidOperationException($"Listener {sides.ListenerArn} is gone; the rollout waits for it.");
}
