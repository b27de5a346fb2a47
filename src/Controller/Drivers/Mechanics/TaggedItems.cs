using Reconciler.Model;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Matches live items found by a stack-tag query (and, for recorded ids whose tags were removed,
/// by id) to the stack's documents through their <c>reconciler:resource</c> tag.
/// </summary>
internal static class TaggedItems
{
    /// <summary>
    /// Groups live items by the document they belong to. An item whose resource tag names a
    /// recorded key but whose id differs from the recorded one loses to the recorded one, so
    /// a stray duplicate never replaces the resource the state knows.
    /// </summary>
    public static Dictionary<ResourceKey, T> ByKey<T>(
        IEnumerable<T> items,
        Func<T, string> idOf,
        Func<T, IReadOnlyDictionary<string, string>> tagsOf,
        ObserveRequest request)
    {
        var result = new Dictionary<ResourceKey, T>();
        foreach (var item in items)
        {
            var tags = tagsOf(item);
            ResourceKey key;
            if (tags.TryGetValue(ResourceTags.ResourceTag, out var tag) && ResourceKey.TryParse(tag, out key))
            {
                // Found by its tag.
            }
            else if (FindByRecordedId(request, idOf(item)) is { } recorded)
            {
                key = recorded;
            }
            else
            {
                continue;
            }

            var recordedId = request.RecordOf(key)?.Identity.GetValueOrDefault("id");
            if (result.ContainsKey(key) && recordedId != idOf(item))
            {
                continue;
            }

            result[key] = item;
        }

        return result;
    }

    /// <summary>Recorded ids of keys that the tag query did not find: their tags may have been removed.</summary>
    public static List<string> RecordedIdsMissingFrom<T>(ObserveRequest request, IReadOnlyDictionary<ResourceKey, T> found) =>
        request.Recorded
            .Where(r => !found.ContainsKey(r.Key) && r.Identity.TryGetValue("id", out _))
            .Select(r => r.Identity["id"])
            .ToList();

    private static ResourceKey? FindByRecordedId(ObserveRequest request, string id) =>
        request.Recorded.FirstOrDefault(r => r.Identity.GetValueOrDefault("id") == id)?.Key;
}
