using Reconciler.Model.Kinds;

namespace Reconciler.Model.Stacks;

/// <summary>The drift and deletion policies in force for one resource.</summary>
public static class ResourcePolicies
{
    /// <summary><c>metadata.drift</c>, else the stack's drift policy.</summary>
    public static DriftPolicy Drift(StackSpec stack, DesiredResource resource) =>
        resource.Metadata.Drift ?? stack.Policies.Drift;

    /// <summary>
    /// <c>metadata.deletionPolicy</c> (explicit); else orphan for stateful kinds; else the stack's
    /// deletion policy. Record the result with the resource at apply.
    /// </summary>
    public static EffectiveDeletionPolicy Deletion(StackSpec stack, DesiredResource resource)
    {
        if (resource.Metadata.DeletionPolicy is { } chosen)
        {
            return new EffectiveDeletionPolicy(chosen, Explicit: true);
        }

        var stateful = KindCatalog.Find(resource.Key.Kind)?.Stateful ?? false;
        return new EffectiveDeletionPolicy(stateful ? DeletionPolicy.Orphan : stack.Policies.Deletion, Explicit: false);
    }
}
