using Reconciler.Controller.Drivers;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// Observes every resource of a stack: one batched observe per kind, kinds in reference order
/// (a Subnet's live <c>vpc</c> can only be named once the VPCs are known), the kinds of one
/// level in parallel.
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

        var observed = new Dictionary<ResourceKey, ObservedResource>();
        foreach (var level in drivers.KindLevels)
        {
            var results = await Task.WhenAll(level.Select(kind => ObserveKindAsync(kind, desired, recorded, context, cancellationToken)));
            foreach (var observation in results.SelectMany(r => r))
            {
                observed[observation.Key] = observation;
            }
        }

        return observed;
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
