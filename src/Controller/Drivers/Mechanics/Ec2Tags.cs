using Amazon.EC2.Model;
using Reconciler.Model;
using Reconciler.Model.Stacks;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>EC2 tags: given at create, returned by every Describe, added with CreateTags by resource id.</summary>
internal sealed class Ec2Tags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DescribeTags,
    ];

    public static Ec2Tags Instance { get; } = new();

    /// <summary>The filter that finds every resource of a stack in one Describe call.</summary>
    public static Filter StackFilter(StackSpec stack) => new($"tag:{ResourceTags.StackTag}", [stack.Name]);

    /// <summary>The filter that finds the resource created for one document of the stack.</summary>
    public static Filter ResourceFilter(ResourceKey key) => new($"tag:{ResourceTags.ResourceTag}", [key.ToString()]);

    /// <summary>Tags given at create time, so the resource is never untagged, even for a moment.</summary>
    public static List<TagSpecification> AtCreate(Amazon.EC2.ResourceType type, IReadOnlyDictionary<string, string> tags) =>
        [new TagSpecification { ResourceType = type, Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }];

    public static IReadOnlyDictionary<string, string> FromSdk(IEnumerable<Tag>? tags) => TagMaps.From(tags, t => t.Key, t => t.Value);

    /// <summary>
    /// The items whose tags satisfy every <c>tag:</c> filter, checked again on this side. moto's
    /// DescribeNatGateways ignores tag filters and answers with every gateway of the account;
    /// without this a stack would adopt another stack's resource. AWS applies them itself, so
    /// there the check removes nothing.
    /// </summary>
    public static IReadOnlyList<T> Matching<T>(IReadOnlyList<T> items, List<Filter>? filters, Func<T, IEnumerable<Tag>?> tagsOf)
    {
        var tagFilters = (filters ?? []).Where(f => f.Name.StartsWith("tag:", StringComparison.Ordinal)).ToList();
        return tagFilters.Count == 0
            ? items
            : [.. items.Where(item =>
            {
                var tags = FromSdk(tagsOf(item));
                return tagFilters.All(f => tags.TryGetValue(f.Name["tag:".Length..], out var value) && f.Values.Contains(value));
            })];
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken)
    {
        var tags = await Pages.ReadAllAsync<TagDescription>(async token =>
        {
            var response = await aws.Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [identity["id"]])], NextToken = token }, cancellationToken);
            return (response.Tags, response.NextToken);
        });
        return TagMaps.From(tags, t => t.Key, t => t.Value);
    }

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [identity["id"]], Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }, cancellationToken);

    // A tag given with its key only is deleted whatever its value.
    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [identity["id"]], Tags = [.. keys.Select(k => new Tag { Key = k })] }, cancellationToken);
}
