using Reconciler.Aws.Clients.Rds;
using RdsOperations = Reconciler.Aws.Clients.Rds.RdsOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// RDS tags (instances, subnet groups, parameter groups): read, added and removed by the
/// resource's ARN. DescribeDBInstances returns an instance's tags itself, so the instance driver
/// reads them from there; the groups' describes do not, and come here or to the stack's tag index.
/// </summary>
internal sealed class RdsTags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        RdsOperations.AddTagsToResource,
        RdsOperations.ListTagsForResource,
        RdsOperations.RemoveTagsFromResource,
    ];

    public static RdsTags Instance { get; } = new();

    /// <summary>Tags in the form the create calls take them, so a resource is never untagged.</summary>
    public static List<Tag> ToRds(IEnumerable<KeyValuePair<string, string>> tags) => [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })];

    /// <summary>A TagList as a map.</summary>
    public static IReadOnlyDictionary<string, string> From(IEnumerable<Tag>? tags) =>
        TagMaps.From((tags ?? []).Where(t => t.Key is not null), t => t.Key!, t => t.Value ?? "");

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        From((await aws.Rds.ListTagsForResourceAsync(new ListTagsForResourceMessage { ResourceName = identity["arn"] }, cancellationToken)).TagList);

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Rds.AddTagsToResourceAsync(new AddTagsToResourceMessage { ResourceName = identity["arn"], Tags = ToRds(tags) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Rds.RemoveTagsFromResourceAsync(new RemoveTagsFromResourceMessage { ResourceName = identity["arn"], TagKeys = [.. keys] }, cancellationToken);
}
