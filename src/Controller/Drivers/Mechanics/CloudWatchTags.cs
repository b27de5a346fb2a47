using Reconciler.Aws.Clients.CloudWatch;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>CloudWatch alarm tags, by alarm ARN (the identity's <c>arn</c>). DescribeAlarms returns no tags.</summary>
internal sealed class CloudWatchTags : ITagApi
{
    public static CloudWatchTags Instance { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        TagMaps.From((await aws.CloudWatch.ListTagsForResourceAsync(new ListTagsForResourceInput { ResourceARN = identity["arn"] }, cancellationToken)).Tags, t => t.Key, t => t.Value);

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.CloudWatch.TagResourceAsync(new TagResourceInput { ResourceARN = identity["arn"], Tags = AtCreate(tags) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.CloudWatch.UntagResourceAsync(new UntagResourceInput { ResourceARN = identity["arn"], TagKeys = [.. keys] }, cancellationToken);

    /// <summary>Tags in the shape PutMetricAlarm takes them.</summary>
    public static IReadOnlyList<Tag> AtCreate(IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag { Key = t.Key, Value = t.Value })];
}
