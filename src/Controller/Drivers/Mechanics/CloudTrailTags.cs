using Reconciler.Aws.Clients.CloudTrail;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Trail tags: read, added and removed by the trail's ARN.</summary>
internal sealed class CloudTrailTags : ITagApi
{
    public static CloudTrailTags Instance { get; } = new();

    /// <summary>Tags in the form CreateTrail and AddTags take them.</summary>
    public static List<Tag> ToCloudTrail(IEnumerable<KeyValuePair<string, string>> tags) => [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })];

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken)
    {
        var response = await aws.CloudTrail.ListTagsAsync(new ListTagsRequest { ResourceIdList = [identity["arn"]] }, cancellationToken);
        return TagMaps.From((response.ResourceTagList ?? []).SelectMany(r => r.TagsList ?? []), t => t.Key, t => t.Value ?? "");
    }

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.CloudTrail.AddTagsAsync(new AddTagsRequest { ResourceId = identity["arn"], TagsList = ToCloudTrail(tags) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.CloudTrail.RemoveTagsAsync(new RemoveTagsRequest { ResourceId = identity["arn"], TagsList = [.. keys.Select(k => new Tag { Key = k })] }, cancellationToken);
}
