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
}
