using Reconciler.Aws.Clients.Ecs;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// ECS tags (clusters, services, task definition revisions): read, added and removed by the
/// resource's ARN (<c>identity["arn"]</c>; for a task definition, its latest revision's).
/// </summary>
internal sealed class EcsTags : ITagApi
{
    public static EcsTags Instance { get; } = new();

    /// <summary>Tags in ECS's shape, for the create and register calls.</summary>
    public static IReadOnlyList<Tag> AtCreate(IReadOnlyDictionary<string, string> tags) => [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })];

    /// <summary>ECS's tag list as a map.</summary>
    public static IReadOnlyDictionary<string, string> Map(IReadOnlyList<Tag>? tags) =>
        (tags ?? []).Where(t => t.Key is not null).GroupBy(t => t.Key!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        Map((await aws.Ecs.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = identity["arn"] }, cancellationToken)).Tags);

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Ecs.TagResourceAsync(new TagResourceRequest { ResourceArn = identity["arn"], Tags = AtCreate(tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Ecs.UntagResourceAsync(new UntagResourceRequest { ResourceArn = identity["arn"], TagKeys = [.. keys] }, cancellationToken);
}
