using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An ECS service on Fargate: keeps desiredCount tasks of its task definition's latest revision
/// running in private subnets, registers them with a target group, and rolls a failed
/// deployment back (circuit breaker).
/// </summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed and unique in its cluster, and a service cannot
/// move to another cluster.
/// </remarks>
[Kind("Service")]
public sealed record ServiceSpec : IResourceSpec
{
    /// <summary>The service's name in its cluster. Defaults to <c>{stack}-{document name}</c>; changing it replaces the service.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? ServiceName { get; init; }

    /// <summary>The Cluster document the service runs in; changing it replaces the service.</summary>
    [Immutable, Reference("Cluster")]
    public required string Cluster { get; init; }

    /// <summary>The TaskDefinition document whose latest revision the tasks run.</summary>
    [Reference("TaskDefinition")]
    public required string TaskDefinition { get; init; }

    /// <summary>How many tasks run.</summary>
    [Range(0, 1000)]
    public required int DesiredCount { get; init; }

    /// <summary>The Subnet documents the tasks' network interfaces are placed in (private ones; two zones or more). Compared as a set.</summary>
    [Reference("Subnet")]
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>The SecurityGroup documents of the tasks' network interfaces. Compared as a set.</summary>
    [Reference("SecurityGroup")]
    public required IReadOnlyList<string> SecurityGroups { get; init; }

    /// <summary>Whether tasks get a public IP; off: they reach AWS through the NAT gateway or endpoints.</summary>
    public bool AssignPublicIp { get; init; }

    /// <summary>The target group the tasks register with; none when absent.</summary>
    public ServiceLoadBalancerSpec? LoadBalancer { get; init; }

    /// <summary>Whether the deployment circuit breaker stops a failing deployment and rolls it back to the last one that worked.</summary>
    public bool CircuitBreakerRollback { get; init; } = true;

    /// <summary>The share of desiredCount (percent) that stays running and healthy during a deployment.</summary>
    [Range(0, 100)]
    public int MinimumHealthyPercent { get; init; } = 100;

    /// <summary>The share of desiredCount (percent) that may run during a deployment, old and new together.</summary>
    [Range(100, 200)]
    public int MaximumPercent { get; init; } = 200;

    /// <summary>Seconds a new task has before failed load balancer health checks count against it; only with a loadBalancer.</summary>
    [Range(0, 2147483647)]
    public int? HealthCheckGracePeriodSeconds { get; init; }

    /// <summary>The load balancer's target group takes IP targets, its container and port exist in the task definition; a grace period only with a load balancer; a public IP only when asked.</summary>
    public void Validate(SpecRules rules)
    {
        if (rules.HasValue("healthCheckGracePeriodSeconds") && LoadBalancer is null)
        {
            rules.Error("healthCheckGracePeriodSeconds", "healthCheckGracePeriodSeconds in Service spec applies only to a service with a loadBalancer; add loadBalancer or remove it");
        }

        if (AssignPublicIp)
        {
            rules.Warn("assignPublicIp", "assignPublicIp in Service spec gives every task a public IP; run tasks in private subnets behind the load balancer instead");
        }

        if (LoadBalancer is { TargetGroup: { } targetGroup } && rules.Find<TargetGroupSpec>(targetGroup) is { TargetType: not "ip" and var targetType })
        {
            // Fargate tasks run in awsvpc mode and register by IP: ECS's CreateService refuses an instance target group.
            rules.Error("loadBalancer.targetGroup", $"loadBalancer.targetGroup '{targetGroup}' in Service spec has targetType {targetType}; Fargate tasks register by IP, so ECS refuses it: give the service its own TargetGroup with targetType: ip");
        }

        if (LoadBalancer is { ContainerName: { } container } && rules.HasValue("taskDefinition") && rules.Find<TaskDefinitionSpec>(TaskDefinition) is { Containers: { } containers })
        {
            var named = containers.FirstOrDefault(c => c?.Name == container);
            if (named is null)
            {
                rules.Error("loadBalancer.containerName", $"loadBalancer.containerName '{container}' in Service spec is not a container of TaskDefinition '{TaskDefinition}'; use one of: {string.Join(", ", containers.Select(c => c?.Name))}");
            }
            else if (named.Port != LoadBalancer.ContainerPort)
            {
                rules.Error("loadBalancer.containerPort", $"loadBalancer.containerPort {LoadBalancer.ContainerPort} in Service spec is not the port of container '{container}' of TaskDefinition '{TaskDefinition}' ({named.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}); use the container's port");
            }
        }
    }

    public MonthlyCost Price(PriceTable prices) => Price(new PricingContext(prices));

    /// <summary>desiredCount Fargate tasks of the task definition's cpu and memory, all month.</summary>
    public MonthlyCost Price(PricingContext context)
    {
        var prices = context.Prices;
        if (context.Find<TaskDefinitionSpec>(TaskDefinition) is not { } task)
        {
            return new MonthlyCost(0m, $"{DesiredCount} Fargate tasks of an unknown size (TaskDefinition '{TaskDefinition}' not in the estimate)");
        }

        var vcpu = task.Cpu / 1024m;
        var memoryGb = task.Memory / 1024m;
        var perTask = prices.HoursPerMonth * ((vcpu * prices.Price("fargate.vcpu")) + (memoryGb * prices.Price("fargate.memory")));
        return new MonthlyCost(
            DesiredCount * perTask,
            $"{DesiredCount} Fargate tasks of {MonthlyCost.Figure(vcpu)} vCPU and {MonthlyCost.Figure(memoryGb)} GB for {MonthlyCost.Figure(prices.HoursPerMonth)} hours");
    }
}
