using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>Which container and port of a service's tasks a target group sends traffic to.</summary>
public sealed record ServiceLoadBalancerSpec
{
    /// <summary>The TargetGroup document (target type ip: Fargate tasks register by IP).</summary>
    [Reference("TargetGroup", AfterAttachedBy = ["Listener", "ListenerRule"])]
    public required string TargetGroup { get; init; }

    /// <summary>The container of the task definition that receives the traffic.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The container's port.</summary>
    [Range(1, 65535)]
    public required int ContainerPort { get; init; }
}
