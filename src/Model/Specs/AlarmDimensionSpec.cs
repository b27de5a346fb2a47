using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// One dimension of an alarm's metric: a name and exactly one value, written literally or as a
/// reference to the stack's document that the metric is about. A reference is resolved to the
/// form CloudWatch publishes: a load balancer's <c>app/name/id</c> and a target group's
/// <c>targetgroup/name/id</c> (the ends of their ARNs), an Auto Scaling group's name, a DB instance's identifier.
/// </summary>
public sealed record AlarmDimensionSpec
{
    /// <summary>The dimension's name, e.g. LoadBalancer, TargetGroup, AutoScalingGroupName, DBInstanceIdentifier.</summary>
    public required string Name { get; init; }

    /// <summary>The value, written out (for resources outside the stack, or a Lambda function and alias name).</summary>
    public string? Value { get; init; }

    /// <summary>The LoadBalancer document: its ARN's <c>app/name/id</c>.</summary>
    [Reference("LoadBalancer")]
    public string? LoadBalancer { get; init; }

    /// <summary>The TargetGroup document: its ARN's <c>targetgroup/name/id</c>.</summary>
    [Reference("TargetGroup")]
    public string? TargetGroup { get; init; }

    /// <summary>The AutoScalingGroup document: its group name.</summary>
    [Reference("AutoScalingGroup")]
    public string? AutoScalingGroup { get; init; }

    /// <summary>The DbInstance document: its instance identifier.</summary>
    [Reference("DbInstance")]
    public string? DbInstance { get; init; }

    /// <summary>The fields that can hold the value: exactly one is set.</summary>
    internal static IReadOnlyList<string> ValueFields { get; } = ["value", "loadBalancer", "targetGroup", "autoScalingGroup", "dbInstance"];
}
