using Reconciler.Model.Stacks;

namespace Reconciler.Model.Planning;

/// <summary>
/// Which resources a failed observe puts out of reach: every desired or recorded resource of an
/// unobserved kind, and every desired resource that references one of those, transitively. A
/// resource whose live state is unknown must be neither created (it may exist), nor deleted or
/// orphaned (it may still be wanted), nor written through a reference to it.
/// </summary>
internal static class Unobserved
{
    public static Dictionary<ResourceKey, string> Skipped(
        DesiredStack desired,
        IReadOnlyDictionary<ResourceKey, RecordedResource> recorded,
        IReadOnlyDictionary<string, string> unobservedKinds)
    {
        var skipped = new Dictionary<ResourceKey, string>();
        if (unobservedKinds.Count == 0)
        {
            return skipped;
        }

        foreach (var key in desired.Resources.Select(r => r.Key).Concat(recorded.Keys).Distinct())
        {
            if (unobservedKinds.TryGetValue(key.Kind, out var error))
            {
                skipped[key] = $"not observed: observing {key.Kind} failed: {error}";
            }
        }

        // Dependants of dependants: repeat until nothing new is reached (the graph is small).
        var added = true;
        while (added)
        {
            added = false;
            foreach (var resource in desired.Resources.Where(r => !skipped.ContainsKey(r.Key)))
            {
                var blocker = resource.DependsOn.Concat(resource.SoftReferences).FirstOrDefault(skipped.ContainsKey);
                if (blocker != default)
                {
                    skipped[resource.Key] = $"skipped: it depends on {blocker}, which could not be observed";
                    added = true;
                }
            }
        }

        return skipped;
    }
}
