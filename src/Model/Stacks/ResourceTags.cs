namespace Reconciler.Model.Stacks;

/// <summary>The tags a resource carries in AWS: the stack's, the document's, and the controller's own.</summary>
public static class ResourceTags
{
    /// <summary>The tag naming the stack that owns a resource.</summary>
    public const string StackTag = "reconciler:stack";

    /// <summary>The tag naming the document (<c>Kind/name</c>) a resource was made from; how Observe finds it.</summary>
    public const string ResourceTag = "reconciler:resource";

    /// <summary>The prefix of the controller's own tags, which documents may not set and removal never touches.</summary>
    public const string ReservedPrefix = "reconciler:";

    /// <summary>Whether a tag key is the controller's own.</summary>
    public static bool IsReserved(string key) => key.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Stack tags, then document tags (winning), then the two identity tags (always winning).</summary>
    public static IReadOnlyDictionary<string, string> Effective(StackSpec stack, ResourceKey key, ResourceMetadata metadata)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in stack.Tags)
        {
            tags[k] = v;
        }

        foreach (var (k, v) in metadata.Tags)
        {
            tags[k] = v;
        }

        tags[StackTag] = stack.Name;
        tags[ResourceTag] = key.ToString();
        return tags;
    }

    /// <summary>The effective tags of a desired resource.</summary>
    public static IReadOnlyDictionary<string, string> Effective(StackSpec stack, DesiredResource resource) =>
        Effective(stack, resource.Key, resource.Metadata);
}
