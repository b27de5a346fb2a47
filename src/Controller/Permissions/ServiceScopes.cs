namespace Reconciler.Controller.Permissions;

/// <summary>
/// The scope of every service's actions, as data: the ARN patterns of the names a stack gives
/// (the kinds' defaults are <c>{stack}-{name}</c>, log groups <c>/{stack}/{name}</c>; IAM's may
/// sit under a path), and the list calls that take no resource ARN. A service not listed is
/// narrowed by the stack's tag.
/// </summary>
internal static class ServiceScopes
{
    private static readonly ServiceScope[] Named =
    [
        new("autoscaling", "AutoScaling", ["arn:aws:autoscaling:{region}:{account}:autoScalingGroup:*:autoScalingGroupName/{stack}-*"], Set("DescribeAutoScalingGroups", "DescribeTags")),
        new("budgets", "Budgets", ["arn:aws:budgets::{account}:budget/{stack}-*"], Set()),
        new("cloudtrail", "CloudTrail", ["arn:aws:cloudtrail:{region}:{account}:trail/{stack}-*"], Set("DescribeTrails", "ListTrails", "ListTags")),
        new("cloudwatch", "CloudWatch", ["arn:aws:cloudwatch:{region}:{account}:alarm:{stack}-*"], Set("DescribeAlarms")),
        new("dynamodb", "DynamoDb", ["arn:aws:dynamodb:{region}:{account}:table/{stack}-*"], Set("ListTables")),
        new("ecr", "Ecr", ["arn:aws:ecr:{region}:{account}:repository/{stack}-*"], Set("DescribeRepositories")),
        new("ecs", "Ecs", ["arn:aws:ecs:{region}:{account}:cluster/{stack}-*", "arn:aws:ecs:{region}:{account}:service/{stack}-*/*", "arn:aws:ecs:{region}:{account}:task-definition/{stack}-*:*"], Set("ListClusters", "ListServices", "ListTaskDefinitions", "DescribeTaskDefinition")),
        new("iam", "Iam", ["arn:aws:iam::{account}:role/{stack}-*", "arn:aws:iam::{account}:role/*/{stack}-*", "arn:aws:iam::{account}:policy/{stack}-*", "arn:aws:iam::{account}:policy/*/{stack}-*", "arn:aws:iam::{account}:instance-profile/{stack}-*", "arn:aws:iam::{account}:instance-profile/*/{stack}-*"], Set("ListRoles", "ListPolicies", "ListInstanceProfiles")),
        new("lambda", "Lambda", ["arn:aws:lambda:{region}:{account}:function:{stack}-*"], Set("ListFunctions")),
        new("logs", "Logs", ["arn:aws:logs:{region}:{account}:log-group:/{stack}/*"], Set("DescribeLogGroups")),
        new("rds", "Rds", ["arn:aws:rds:{region}:{account}:db:{stack}-*", "arn:aws:rds:{region}:{account}:pg:{stack}-*", "arn:aws:rds:{region}:{account}:subgrp:{stack}-*", "arn:aws:rds:{region}:{account}:snapshot:{stack}-*"], Set("DescribeDBInstances", "DescribeDBParameterGroups", "DescribeDBSubnetGroups")),
        new("s3", "S3", ["arn:aws:s3:::{stack}-*", "arn:aws:s3:::{stack}-*/*"], Set("ListAllMyBuckets")),
        new("sns", "Sns", ["arn:aws:sns:{region}:{account}:{stack}-*"], Set("ListTopics")),
        // Only the public parameters that name the latest AMIs (a launch template's imageParameter).
        new("ssm", "Ssm", ["arn:aws:ssm:{region}::parameter/aws/service/*"], Set()),
        new("tag", "Tagging", [], Set("GetResources")),
    ];

    private static readonly Dictionary<string, string> TaggedTitles = new(StringComparer.Ordinal)
    {
        ["acm"] = "Acm",
        ["apigateway"] = "ApiGateway",
        ["ec2"] = "Ec2",
        ["elasticloadbalancing"] = "Elbv2",
        ["secretsmanager"] = "SecretsManager",
        ["sts"] = "Sts",
    };

    private static readonly Dictionary<string, ServiceScope> ByPrefix = Named
        .Concat(TaggedTitles.Select(t => new ServiceScope(t.Key, t.Value, [], Set())))
        .ToDictionary(s => s.Prefix, StringComparer.Ordinal);

    /// <summary>The scope of the actions with <paramref name="prefix"/>; refused for a prefix no entry has.</summary>
    public static ServiceScope Of(string prefix) =>
        ByPrefix.TryGetValue(prefix, out var scope)
            ? scope
            : throw new InvalidOperationException($"IAM action prefix '{prefix}' has no scope; add it to ServiceScopes (name patterns, or narrowed by tag).");

    private static HashSet<string> Set(params string[] verbs) => new(verbs, StringComparer.Ordinal);
}
