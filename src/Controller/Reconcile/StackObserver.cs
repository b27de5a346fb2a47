using Reconciler.Controller.Drivers;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// Observes every resource of a stack: one batched observe per kind, all kinds at once. A
/// Subnet's live <c>vpc</c> is named through the <see cref="IdentityIndex"/>, so the VPCs' ids
/// must be known first: they come from the state table's records and from one GetResources read
/// of the stack's tags (each resource's <c>reconciler:resource</c> tag names its document), which
/// the kinds then share for their tags. Kinds that reference none start beside that read. When
/// it fails, kinds are observed in reference order instead (the kinds of one level in parallel).
/// </summary>
internal sealed class StackObserver(DriverCatalog drivers)
{
    public async Task<IReadOnlyDictionary<ResourceKey, ObservedResource>> ObserveAsync(
        DesiredStack desired,
        IReadOnlyDictionary<ResourceKey, RecordedResource> recorded,
        DriverContext context,
        CancellationToken cancellationToken)
    {
        foreach (var record in recorded.Values)
        {
            if (record.Identity.TryGetValue("id", out var id))
            {
                context.Identities.Set(record.Key, id);
            }
        }

        context = context with { StackTags = StackTagIndex.For(context, cancellationToken) };

        // Kinds that reference no other kind need no ids: they start beside the tag read.
        var started = drivers.KindLevels[0].ToDictionary(kind => kind, kind => ObserveKindAsync(kind, desired, recorded, context, cancellationToken));
        var known = await KnowIdentitiesFromTagsAsync(recorded, context);
        var observed = new Dictionary<ResourceKey, ObservedResource>();
        foreach (var level in LevelsToObserve(known, context))
        {
            var results = await Task.WhenAll(level.Select(kind => started.Remove(kind, out var running) ? running : ObserveKindAsync(kind, desired, recorded, context, cancellationToken)));
            foreach (var observation in results.SelectMany(r => r))
            {
                observed[observation.Key] = observation;
            }
        }

        return observed;
    }

    /// <summary>
    /// Fills the identities from the stack's tags, a recorded id winning when it is among them (as
    /// the kinds' own observes decide). Returns the keys then known, or null when the tags could
    /// not be read and kinds must be observed in reference order.
    /// </summary>
    private static async Task<HashSet<ResourceKey>?> KnowIdentitiesFromTagsAsync(IReadOnlyDictionary<ResourceKey, RecordedResource> recorded, DriverContext context)
    {
        if (!await context.StackTags!.IsCompleteAsync())
        {
            return null;
        }

        var tagged = await context.StackTags.IdentitiesAsync();
        foreach (var ids in tagged.GroupBy(t => t.Key, t => t.Id))
        {
            var recordedId = recorded.GetValueOrDefault(ids.Key)?.Identity.GetValueOrDefault("id");
            if (recordedId is null || !ids.Contains(recordedId, StringComparer.Ordinal))
            {
                context.Identities.Set(ids.Key, ids.First());
            }
        }

        return [.. context.Identities.Keys];
    }

    /// <summary>
    /// Every kind in one batch when the identities are known up front; then, only if that batch
    /// found ids the tags and records did not show (tags not yet visible to GetResources), the
    /// referencing kinds again in reference order, as their references may have been named by raw
    /// id. Lazy: the second part is decided after the batch has run.
    /// </summary>
    private IEnumerable<IReadOnlyList<string>> LevelsToObserve(HashSet<ResourceKey>? known, DriverContext context)
    {
        if (known is null)
        {
            foreach (var level in drivers.KindLevels)
            {
                yield return level;
            }

            yield break;
        }

        yield return [.. drivers.KindLevels.SelectMany(l => l)];
        if (context.Identities.Keys.Any(k => !known.Contains(k)))
        {
            foreach (var level in drivers.KindLevels.Skip(1))
            {
                yield return level;
            }
        }
    }

    private Task<IReadOnlyList<ObservedResource>> ObserveKindAsync(
        string kind,
        DesiredStack desired,
        IReadOnlyDictionary<ResourceKey, RecordedResource> recorded,
        DriverContext context,
        CancellationToken cancellationToken)
    {
        var request = new ObserveRequest
        {
            Desired = desired.Resources.Where(r => r.Key.Kind == kind).ToList(),
            Recorded = recorded.Values.Where(r => r.Key.Kind == kind).ToList(),
        };
        return drivers.Get(kind).ObserveAsync(request, context, cancellationToken);
    }
}
