using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Model;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Tag handling shared by every EC2 kind: tag at create, filter by stack, converge tags.</summary>
internal static class Ec2Tags
{
    /// <summary>The filter that finds every resource of a stack in one Describe call.</summary>
    public static Filter StackFilter(StackSpec stack) => new($"tag:{ResourceTags.StackTag}", [stack.Name]);

    /// <summary>The filter that finds the resource created for one document of the stack.</summary>
    public static Filter ResourceFilter(ResourceKey key) => new($"tag:{ResourceTags.ResourceTag}", [key.ToString()]);

    /// <summary>Tags given at create time, so the resource is never untagged, even for a moment.</summary>
    public static List<TagSpecification> AtCreate(ResourceType type, IReadOnlyDictionary<string, string> tags) =>
        [new TagSpecification { ResourceType = type, Tags = ToSdk(tags) }];

    public static List<Tag> ToSdk(IReadOnlyDictionary<string, string> tags) =>
        tags.Select(t => new Tag(t.Key, t.Value)).ToList();

    public static IReadOnlyDictionary<string, string> FromSdk(IEnumerable<Tag>? tags) =>
        (tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    /// <summary>
    /// Sets the desired tags that are missing or different. Tags that are not desired are left
    /// alone: other tools may own them.
    /// </summary>
    public static async Task ConvergeAsync(IAmazonEC2 ec2, string resourceId, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken)
    {
        var missing = TagDiff.Missing(desired, live);
        if (missing.Count == 0)
        {
            return;
        }

        await ec2.CreateTagsAsync(
            new CreateTagsRequest { Resources = [resourceId], Tags = missing.Select(t => new Tag(t.Key, t.Value)).ToList() },
            cancellationToken);
    }
}
