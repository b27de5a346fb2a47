namespace Reconciler.Model.Stacks;

/// <summary>
/// The tags every managed resource carries: the stack's tags, the document's own tags over
/// them, and the controller's identity tags, which nothing may override.
/// </summary>
public static class ManagedTags
{
    /// <summary>The tag naming the stack a resource belongs to.</summary>
    public const string StackTag = "reconciler:stack";

    /// <summary>The tag naming the document (<c>Kind/name</c>) a resource was created for.</summary>
    public const string ResourceTag = "reconciler:resource";

    /// <summary>The effective tags of one resource of a stack.</summary>
    public static IReadOnlyDictionary<string, string> For(StackSpec stack, ResourceKey key, ResourceMetadata metadata)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in stack.Tags)
        {
            tags[name] = value;
        }

        foreach (var (name, value) in metadata.Tags)
        {
            tags[name] = value;
        }

        tags[StackTag] = stack.Name;
        tags[ResourceTag] = key.ToString();
        return tags;
    }

    /// <summary>The effective tags of a desired resource.</summary>
    public static IReadOnlyDictionary<string, string> For(StackSpec stack, DesiredResource resource) =>
        For(stack, resource.Key, resource.Metadata);
}
