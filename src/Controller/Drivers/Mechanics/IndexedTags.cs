namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The tags of a kind's listed resources, for services whose list calls take no tag filter and
/// return no tags (ELBv2, ACM): the observe's <see cref="StackTagIndex"/> answers for the ARNs it
/// knows, the service's own tag read for the rest. When the tagging API lists the kind and the
/// index was read whole, a listed ARN it lacks belongs to no document of the stack (unless the
/// state recorded it), so the region's other resources cost no tag reads.
/// </summary>
internal static class IndexedTags
{
    /// <summary>Tags by ARN of <paramref name="arns"/>; ARNs skipped or not answered are left out.</summary>
    /// <param name="arns">The listed resources.</param>
    /// <param name="recordedArns">ARNs the state remembers: always read, whatever the index says.</param>
    /// <param name="indexListsKind">Whether the Resource Groups Tagging API lists this kind.</param>
    /// <param name="context">Its <see cref="DriverContext.StackTags"/>, when set, is used.</param>
    /// <param name="readAsync">The service's read of the ARNs the index could not answer for.</param>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ResolveAsync(
        IEnumerable<string> arns,
        IReadOnlyCollection<string> recordedArns,
        bool indexListsKind,
        DriverContext context,
        Func<IReadOnlyCollection<string>, Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>> readAsync)
    {
        var tags = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var index = context.StackTags;
        var indexIsWhole = indexListsKind && index is not null && await index.IsCompleteAsync();
        var unknown = new List<string>();
        foreach (var arn in arns.Distinct(StringComparer.Ordinal))
        {
            if (index is not null && await index.TryGetAsync(arn) is { } indexed)
            {
                tags[arn] = indexed;
            }
            else if (!indexIsWhole || recordedArns.Contains(arn))
            {
                unknown.Add(arn);
            }
        }

        if (unknown.Count > 0)
        {
            foreach (var (arn, read) in await readAsync(unknown))
            {
                tags[arn] = read;
            }
        }

        return tags;
    }
}
