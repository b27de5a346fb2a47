using Reconciler.Aws.Clients.CloudWatchLogs;
using CloudWatchLogsOperations = Reconciler.Aws.Clients.CloudWatchLogs.CloudWatchLogsOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Log group tags: read, added and removed by the group's ARN (without the trailing <c>:*</c>).</summary>
internal sealed class LogsTags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        CloudWatchLogsOperations.ListTagsForResource,
        CloudWatchLogsOperations.TagResource,
        CloudWatchLogsOperations.UntagResource,
    ];

    public static LogsTags Instance { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        (await aws.Logs.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = identity["arn"] }, cancellationToken)).Tags
        ?? new Dictionary<string, string>();

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Logs.TagResourceAsync(
            new TagResourceRequest { ResourceArn = identity["arn"], Tags = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) },
            cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Logs.UntagResourceAsync(new UntagResourceRequest { ResourceArn = identity["arn"], TagKeys = [.. keys] }, cancellationToken);
}
