namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>ARNs that AWS does not return and the controller has to build itself.</summary>
internal static class Arns
{
    /// <summary>The partition of a region: aws, aws-cn or aws-us-gov.</summary>
    public static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    /// <summary>A bucket's ARN: S3 bucket ARNs carry neither region nor account.</summary>
    public static string Bucket(string region, string bucketName) => $"arn:{Partition(region)}:s3:::{bucketName}";

    /// <summary>An SNS topic's ARN, from its name: alarms and budgets name topics by ARN.</summary>
    public static string Topic(string region, string accountId, string topicName) => $"arn:{Partition(region)}:sns:{region}:{accountId}:{topicName}";

    /// <summary>
    /// The id a resource's ARN ends in, as the drivers' identities hold it: <c>vpc-0abc</c> of
    /// <c>arn:aws:ec2:…:vpc/vpc-0abc</c>, the table of <c>…:table/name</c>, the group of
    /// <c>…:log-group:/a/b</c>, the bucket of <c>arn:aws:s3:::name</c>. The resource part follows
    /// the fifth colon; a leading resource type ends at its first <c>/</c> or <c>:</c>. Services
    /// whose APIs address resources by ARN (ELBv2, ACM, ECS services) keep the whole ARN as the id;
    /// a task definition's id is its family.
    /// </summary>
    public static string ResourceId(string arn)
    {
        if (arn.Split(':') is [_, _, "elasticloadbalancing" or "acm", ..])
        {
            return arn;
        }

        // ECS services are addressed by cluster and name: their (long) ARN is the id. A task
        // definition's id is its family, whichever revision the ARN names.
        if (arn.Split(':') is [_, _, "ecs", _, _, var ecsResource, ..])
        {
            if (ecsResource.StartsWith("service/", StringComparison.Ordinal))
            {
                return arn;
            }

            if (ecsResource.StartsWith("task-definition/", StringComparison.Ordinal))
            {
                return ecsResource["task-definition/".Length..];
            }
        }

        var start = 0;
        for (var colons = 0; colons < 5; colons++)
        {
            var next = arn.IndexOf(':', start);
            if (next < 0)
            {
                return arn;
            }

            start = next + 1;
        }

        var resource = arn[start..];
        if (resource.EndsWith(":*", StringComparison.Ordinal))
        {
            resource = resource[..^2];
        }

        var separator = resource.IndexOfAny(['/', ':']);
        return separator < 0 ? resource : resource[(separator + 1)..];
    }
}
