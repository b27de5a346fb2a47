using Reconciler.Aws.Clients.Ecs;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Task definition tags: ECS tags each revision, and the family's tags are its latest ACTIVE
/// revision's. An update registers a new revision (carrying the old one's tags) before the tags
/// are converged, so the revision to tag is looked up from the family (<c>identity["id"]</c>)
/// at the time of the call, not taken from the identity observed before the update.
/// </summary>
internal sealed class TaskDefinitionTags : ITagApi
{
    public static TaskDefinitionTags Instance { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        await EcsTags.Instance.ReadAsync(aws, await LatestAsync(aws, identity, cancellationToken), cancellationToken);

    public async Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        await EcsTags.Instance.SetAsync(aws, await LatestAsync(aws, identity, cancellationToken), tags, live, cancellationToken);

    public async Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        await EcsTags.Instance.RemoveAsync(aws, await LatestAsync(aws, identity, cancellationToken), keys, live, cancellationToken);

    /// <summary>The family's latest ACTIVE revision's ARN (every page: moto ignores sort and maxResults).</summary>
    public static async Task<string?> LatestRevisionAsync(AwsClients aws, string family, CancellationToken cancellationToken)
    {
        var active = await Pages.ReadAllAsync<string>(async token =>
        {
            var page = await aws.Ecs.ListTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = "ACTIVE", NextToken = token }, cancellationToken);
            return (page.TaskDefinitionArns, page.NextToken);
        });
        return active.Count == 0 ? null : active.MaxBy(a => EcsReferences.Revision(a).Revision);
    }

    private static async Task<IReadOnlyDictionary<string, string>> LatestAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        await LatestRevisionAsync(aws, identity["id"], cancellationToken) is { } arn
            ? new Dictionary<string, string>(identity) { ["arn"] = arn }
            : identity;
}
