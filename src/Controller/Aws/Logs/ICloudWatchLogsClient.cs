namespace Reconciler.Controller.Aws.Logs;

/// <summary>
/// The CloudWatch Logs operations the controller uses, and only those. The project's own
/// client implements it until the registry serves AWSSDK.CloudWatchLogs; an adapter over the
/// official client can replace it then. Errors are <see cref="AwsServiceException"/>s; a
/// missing log group is an <see cref="AwsResourceNotFoundException"/>.
/// </summary>
public interface ICloudWatchLogsClient
{
    /// <summary>CreateLogGroup, with tags and an optional KMS key.</summary>
    Task CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken = default);

    /// <summary>DeleteLogGroup.</summary>
    Task DeleteLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default);

    /// <summary>One page of DescribeLogGroups.</summary>
    Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every log group whose name starts with <paramref name="logGroupNamePrefix"/>, following
    /// nextToken; <paramref name="limit"/> is the page size (1-50, null for the service's 50).
    /// </summary>
    Task<IReadOnlyList<LogGroup>> DescribeAllLogGroupsAsync(string? logGroupNamePrefix = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>PutRetentionPolicy: keep events <paramref name="retentionInDays"/> days.</summary>
    Task PutRetentionPolicyAsync(string logGroupName, int retentionInDays, CancellationToken cancellationToken = default);

    /// <summary>DeleteRetentionPolicy: keep events forever.</summary>
    Task DeleteRetentionPolicyAsync(string logGroupName, CancellationToken cancellationToken = default);

    /// <summary>ListTagsForResource, by ARN (a log group's ARN without the trailing ":*").</summary>
    Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default);

    /// <summary>TagResource, by ARN.</summary>
    Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>UntagResource, by ARN.</summary>
    Task UntagResourceAsync(string resourceArn, IReadOnlyCollection<string> tagKeys, CancellationToken cancellationToken = default);

    /// <summary>AssociateKmsKey: encrypt the log group's new events with <paramref name="kmsKeyId"/> (a key ARN).</summary>
    Task AssociateKmsKeyAsync(string logGroupName, string kmsKeyId, CancellationToken cancellationToken = default);

    /// <summary>DisassociateKmsKey.</summary>
    Task DisassociateKmsKeyAsync(string logGroupName, CancellationToken cancellationToken = default);
}
