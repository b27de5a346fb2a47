using Reconciler.Aws.Clients.Sns;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>SNS topic tags, by topic ARN (the identity's <c>arn</c>). SNS has no batch tag read.</summary>
internal sealed class SnsTags : ITagApi
{
    public static SnsTags Instance { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        TagMaps.From((await aws.Sns.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = identity["arn"] }, cancellationToken)).Tags, t => t.Key, t => t.Value);

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Sns.TagResourceAsync(new TagResourceRequest { ResourceArn = identity["arn"], Tags = AtCreate(tags) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Sns.UntagResourceAsync(new UntagResourceRequest { ResourceArn = identity["arn"], TagKeys = [.. keys] }, cancellationToken);

    /// <summary>Tags in the shape CreateTopic takes them.</summary>
    public static IReadOnlyList<Tag> AtCreate(IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag { Key = t.Key, Value = t.Value })];
}
