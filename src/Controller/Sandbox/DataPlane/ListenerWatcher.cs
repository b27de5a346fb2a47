using Reconciler.Aws.Clients.ElasticLoadBalancingV2;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// Reads the weighted listener from the emulator: found once among all load balancers (the
/// listener whose default action forwards to two or more target groups, the one on
/// <c>preferredPort</c> first), then read again by ARN on every poll, with the
/// <c>model-version</c> tag of each target group (docs/model-versions.md). Weights changed by
/// anyone (the rollout engine, <c>aws elbv2 modify-listener</c>) are seen at the next poll.
/// </summary>
internal sealed class ListenerWatcher(IElasticLoadBalancingV2Client elbv2, int preferredPort, string defaultModelVersion)
{
    /// <summary>The target group tag naming the model version its service serves.</summary>
    public const string ModelVersionTag = Rollouts.AlbWeights.ModelVersionTag;

    private string? _listenerArn;

    /// <summary>The listener as it is now, or null while the stack has not created it (or it was deleted).</summary>
    public async Task<ListenerRoutes?> ReadAsync(CancellationToken cancellationToken)
    {
        var listener = _listenerArn is null ? await FindAsync(cancellationToken) : await ReadByArnAsync(_listenerArn, cancellationToken);
        _listenerArn = listener?.ListenerArn;
        if (listener is null || Forward(listener) is not { } forward)
        {
            return null;
        }

        var arns = forward.Select(t => t.TargetGroupArn!).ToArray();
        var tags = await elbv2.DescribeTagsAsync(new DescribeTagsInput { ResourceArns = arns }, cancellationToken);
        var versions = (tags.TagDescriptions ?? []).ToDictionary(
            d => d.ResourceArn ?? string.Empty,
            d => (d.Tags ?? []).FirstOrDefault(t => t.Key == ModelVersionTag)?.Value);
        return new ListenerRoutes(
            listener.LoadBalancerArn!,
            listener.ListenerArn!,
            forward.Select(t => new TargetRoute(t.TargetGroupArn!, t.Weight ?? 1, versions.GetValueOrDefault(t.TargetGroupArn!) ?? defaultModelVersion)).ToArray());
    }

    private static IReadOnlyList<TargetGroupTuple>? Forward(Listener listener) =>
        listener.DefaultActions?.FirstOrDefault(a => a.Type == "forward")?.ForwardConfig?.TargetGroups is { Count: >= 2 } groups
        && groups.All(g => g.TargetGroupArn is not null)
            ? groups
            : null;

    private async Task<Listener?> ReadByArnAsync(string arn, CancellationToken cancellationToken)
    {
        try
        {
            var found = await elbv2.DescribeListenersAsync(new DescribeListenersInput { ListenerArns = [arn] }, cancellationToken);
            return found.Listeners?.FirstOrDefault();
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ListenerNotFound")
        {
            return null;
        }
    }

    private async Task<Listener?> FindAsync(CancellationToken cancellationToken)
    {
        var balancers = await elbv2.DescribeLoadBalancersAsync(new DescribeLoadBalancersInput(), cancellationToken);
        var weighted = new List<Listener>();
        foreach (var balancer in balancers.LoadBalancers ?? [])
        {
            var listeners = await elbv2.DescribeListenersAsync(new DescribeListenersInput { LoadBalancerArn = balancer.LoadBalancerArn }, cancellationToken);
            weighted.AddRange((listeners.Listeners ?? []).Where(l => Forward(l) is not null));
        }

        return weighted.OrderBy(l => l.Port == preferredPort ? 0 : 1).FirstOrDefault();
    }
}
