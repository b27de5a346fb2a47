using Reconciler.Model;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Alarm dimensions between documents and CloudWatch: a reference to a stack document becomes the
/// value CloudWatch publishes the metric under (a load balancer's <c>app/name/id</c>, a target
/// group's <c>targetgroup/name/id</c>, an Auto Scaling group's name, a DB instance's identifier),
/// and a live value that is one of the stack's documents is reported as that reference again.
/// </summary>
internal static class MetricDimensions
{
    // The reference kinds a dimension can name, with how each one's id becomes a dimension value.
    private static readonly (string Kind, Func<string, string> ValueOf)[] Kinds =
    [
        ("LoadBalancer", arn => After(arn, ":loadbalancer/")),
        ("TargetGroup", arn => After(arn, ":")),
        ("AutoScalingGroup", name => name),
        ("DbInstance", identifier => identifier),
    ];

    /// <summary>The value CloudWatch knows the dimension by.</summary>
    public static string ValueOf(AlarmDimensionSpec dimension, IdentityIndex identities)
    {
        var (kind, name) = dimension switch
        {
            { LoadBalancer: { } lb } => ("LoadBalancer", lb),
            { TargetGroup: { } tg } => ("TargetGroup", tg),
            { AutoScalingGroup: { } asg } => ("AutoScalingGroup", asg),
            { DbInstance: { } db } => ("DbInstance", db),
            _ => ("", ""),
        };
        return kind.Length == 0 ? dimension.Value! : Kinds.Single(k => k.Kind == kind).ValueOf(identities.IdOf(kind, name));
    }

    /// <summary>A live dimension as a document writes it: a reference when the value is a stack document's, else the value itself.</summary>
    public static AlarmDimensionSpec LiveOf(string name, string value, IdentityIndex identities)
    {
        foreach (var key in identities.Keys)
        {
            if (Kinds.FirstOrDefault(k => k.Kind == key.Kind) is { ValueOf: { } valueOf } && identities.TryIdOf(key) is { } id && valueOf(id) == value)
            {
                return key.Kind switch
                {
                    "LoadBalancer" => new AlarmDimensionSpec { Name = name, LoadBalancer = key.Name },
                    "TargetGroup" => new AlarmDimensionSpec { Name = name, TargetGroup = key.Name },
                    "AutoScalingGroup" => new AlarmDimensionSpec { Name = name, AutoScalingGroup = key.Name },
                    _ => new AlarmDimensionSpec { Name = name, DbInstance = key.Name },
                };
            }
        }

        return new AlarmDimensionSpec { Name = name, Value = value };
    }

    // The part of an ARN after the last occurrence of a marker (the whole id when it has none).
    private static string After(string arn, string marker) =>
        arn.LastIndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? arn[(at + marker.Length)..] : arn;
}
