using Reconciler.Aws.Clients.Lambda;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Lambda function tags: read, added and removed by the function's (unqualified) ARN.</summary>
internal sealed class LambdaTags : ITagApi
{
    public static LambdaTags Instance { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        (await aws.Lambda.ListTagsAsync(new ListTagsRequest { Resource = identity["arn"] }, cancellationToken)).Tags
        ?? new Dictionary<string, string>();

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Lambda.TagResourceAsync(
            new TagResourceRequest { Resource = identity["arn"], Tags = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) },
            cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Lambda.UntagResourceAsync(new UntagResourceRequest { Resource = identity["arn"], TagKeys = [.. keys] }, cancellationToken);
}
