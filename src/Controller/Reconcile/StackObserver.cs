using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// Observes every resource of a stack: one batched observe per kind, kinds in reference order
/// (a Subnet's live <c>vpc</c> can only be named once the VPCs are known), the kinds of one
/// level in parallel. A kind whose observe fails does not stop the others: it is reported in
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

        var observed = new Dictionary<ResourceKey, ObservedResource>();
        var failed = new Dictionary<string, string>(notDue, StringComparer.Ordinal);
        foreach (var level in drivers.KindLevels)
        {
            var results = await Task.WhenAll(level.Where(k => !notDue.ContainsKey(k)).Select(kind => TryObserveKindAsync(kind, desired, recorded, context, cancellationToken)));
            foreach (var (kind, observations, error) in results)
            {
                if (error is not null)
                {
                    failed[kind] = error;
                    continue;
                }

                foreach (var observation in observations)
                {
                    observed[observation.Key] = observation;
                }
            }
        }

        return new StackObservation { Observed = observed, FailedKinds = failed };
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
