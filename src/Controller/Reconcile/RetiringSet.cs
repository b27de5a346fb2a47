using System.Collections.Concurrent;
using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// The old resources that create-before-destroy replacements leave to delete in one execution:
/// those this execution replaced, and those an earlier one recorded as retiring but did not get
/// to delete (it crashed, or the delete was refused while dependants still used them). Keeps the
/// latest record of each, so clearing the retiring identity rewrites the rest unchanged.
/// </summary>
internal sealed class RetiringSet
{
    private readonly ConcurrentDictionary<ResourceKey, RecordedResource> _records = new();
    private readonly HashSet<ResourceKey> _removed;

    /// <param name="recorded">The state table's records when the plan was made.</param>
    /// <param name="plan">The plan: resources it skipped are left alone, retiring or not.</param>
    public RetiringSet(IReadOnlyDictionary<ResourceKey, RecordedResource> recorded, Plan plan)
    {
        var planned = plan.Changes.Select(c => c.Key).ToHashSet();
        _removed = [.. plan.Changes.Where(c => c.Action is ChangeAction.Delete or ChangeAction.Orphan).Select(c => c.Key)];
        foreach (var record in recorded.Values.Where(r => r.Retiring.Count > 0 && planned.Contains(r.Key)))
        {
            _records[record.Key] = record;
        }
    }

    /// <summary>Notes the record just written for a resource (whether or not it retires anything).</summary>
    public void Track(RecordedResource record) => _records[record.Key] = record;

    /// <summary>
    /// The retiring identities of resources of these kinds. A record whose retiring identity is
    /// still its own is a replacement that never got its new resource: nothing to delete yet.
    /// </summary>
    public IEnumerable<KeyValuePair<ResourceKey, IReadOnlyDictionary<string, string>>> InKinds(IReadOnlyList<string> kinds) =>
        _records.Values
            .Where(r => r.Retiring.Count > 0 && kinds.Contains(r.Key.Kind))
            .Where(r => r.Retiring.GetValueOrDefault("id") != r.Identity.GetValueOrDefault("id"))
            .OrderBy(r => r.Key)
            .Select(r => KeyValuePair.Create(r.Key, r.Retiring))
            .ToList();

    /// <summary>
    /// The record to write once the old resource is deleted: the latest one without it. Null when
    /// the resource itself is being deleted or orphaned (its record is forgotten anyway).
    /// </summary>
    public RecordedResource? RecordAfterRetirement(ResourceKey key) =>
        _removed.Contains(key) || !_records.TryGetValue(key, out var record) ? null : record with { Retiring = new Dictionary<string, string>() };
}
