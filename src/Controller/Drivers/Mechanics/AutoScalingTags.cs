using Reconciler.Aws.Clients.AutoScaling;
using AutoScalingOperations = Reconciler.Aws.Clients.AutoScaling.AutoScalingOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Auto Scaling group tags: returned by every DescribeAutoScalingGroups, given at create, and set
/// or removed with CreateOrUpdateTags / DeleteTags by group name. They are not propagated to the
/// instances: the launch template's own tags would be the place for instance tags.
/// </summary>
internal sealed class AutoScalingTags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        AutoScalingOperations.CreateOrUpdateTags,
        AutoScalingOperations.DeleteTags,
        AutoScalingOperations.DescribeTags,
    ];

    private const string GroupType = "auto-scaling-group";

    public static AutoScalingTags Instance { get; } = new();

    /// <summary>Tags in the form CreateAutoScalingGroup takes them, so a group is never untagged.</summary>
    public static List<Tag> ToApi(string groupName, IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. tags.Select(t => new Tag { ResourceId = groupName, ResourceType = GroupType, Key = t.Key, Value = t.Value, PropagateAtLaunch = false })];

    public static IReadOnlyDictionary<string, string> FromApi(IEnumerable<TagDescription>? tags) =>
        TagMaps.From(tags?.Where(t => t.Key is not null), t => t.Key!, t => t.Value ?? "");

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken)
    {
        var tags = await Pages.ReadAllAsync<TagDescription>(async token =>
        {
            var response = await aws.AutoScaling.DescribeTagsAsync(
                new DescribeTagsType { Filters = [new Filter { Name = "auto-scaling-group", Values = [identity["id"]] }], NextToken = token },
                cancellationToken);
            return (response.Tags, response.NextToken);
        });
        return FromApi(tags);
    }

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.AutoScaling.CreateOrUpdateTagsAsync(new CreateOrUpdateTagsType { Tags = ToApi(identity["id"], tags) }, cancellationToken);

    // DeleteTags matches the key (and the value, when given): the key alone removes it whatever its value.
    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.AutoScaling.DeleteTagsAsync(
            new DeleteTagsType { Tags = [.. keys.Select(k => new Tag { ResourceId = identity["id"], ResourceType = GroupType, Key = k })] },
            cancellationToken);
}
