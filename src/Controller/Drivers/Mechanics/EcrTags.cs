using Reconciler.Aws.Clients.Ecr;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>ECR repository tags: read, added and removed by the repository's ARN.</summary>
internal sealed class EcrTags : ITagApi
{
    public static EcrTags Instance { get; } = new();

    /// <summary>Tags in ECR's shape, for CreateRepository.</summary>
    public static IReadOnlyList<Tag> AtCreate(IReadOnlyDictionary<string, string> tags) => [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })];

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        ((await aws.Ecr.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = identity["arn"] }, cancellationToken)).Tags ?? [])
        .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Ecr.TagResourceAsync(new TagResourceRequest { ResourceArn = identity["arn"], Tags = AtCreate(tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Ecr.UntagResourceAsync(new UntagResourceRequest { ResourceArn = identity["arn"], TagKeys = [.. keys] }, cancellationToken);
}
