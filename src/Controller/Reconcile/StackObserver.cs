using Microsoft.Extensions.Logging;
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
/// A kind whose observe fails does not stop the others: it is reported in
/// <see cref="StackObservation.FailedKinds"/> and the planner leaves its resources, and what
/// depends on them, alone.
/// </summary>
internal sealed class StackObserver(DriverCatalog drivers)
{
    /// <param name="desired">The stack's documents.</param>
    /// <param name="recorded">What the state table remembers.</param>
    /// <param name="notDue">Kinds not to observe this time (backing off after failures), with the reason reported for them.</param>
    /// <param name="context">The drivers' context of this cycle.</param>
    /// <param name="cancellationToken">Stops the observe; cancellation is never reported as a kind's failure.</param>
    public async Task<StackObservation> ObserveAsync(
        DesiredStack desired,
        IReadOnlyDictionary<ResourceKey, RecordedResource> recorded,
        IReadOnlyDictionary<string, string> notDue,
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
        var started = drivers.KindLevels[0]
            .Where(k => !notDue.ContainsKey(k))
            .ToDictionary(kind => kind, kind => TryObserveKindAsync(kind, desired, recorded, context, cancellationToken));
        var known = await KnowIdentitiesFromTagsAsync(recorded, context);
        var observed = new Dictionary<ResourceKey, ObservedResource>();
        var failed = new Dictionary<string, string>(notDue, StringComparer.Ordinal);
        foreach (var level in LevelsToObserve(known, context))
        {
            var results = await Task.WhenAll(level
                .Where(k => !notDue.ContainsKey(k))
                .Select(kind => started.Remove(kind, out var running) ? running : TryObserveKindAsync(kind, desired, recorded, context, cancellationToken)));
            foreach (var (kind, observations, error) in results)
            {
                if (error is not null)
                {
                    failed[kind] = error;
                    continue;
                }

                failed.Remove(kind);
                foreach (var observation in observations)
                {
                    observed[observation.Key] = observation;
                }
            }
        }

        return new StackObservation { Observed = observed, FailedKinds = failed };
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

    private async Task<(string Kind, IReadOnlyList<ObservedResource> Observed, string? Error)> TryObserveKindAsync(
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
        try
        {
            return (kind, await drivers.Get(kind).ObserveAsync(request, context, cancellationToken), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Logger.LogError(e, "Observe {Kind} failed: {Error}; its resources and their dependants are skipped", kind, e.Message);
            return (kind, [], e.Message);
        }
    }
}
