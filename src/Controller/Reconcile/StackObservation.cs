using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Reconcile;

/// <summary>What one observe of a stack saw, and which kinds it could not see.</summary>
internal sealed record StackObservation
{
    /// <summary>Every observed resource, by key (kinds that failed contribute none).</summary>
    public required IReadOnlyDictionary<ResourceKey, ObservedResource> Observed { get; init; }

    /// <summary>The kinds whose observe failed or was not due yet, with the reason.</summary>
    public required IReadOnlyDictionary<string, string> FailedKinds { get; init; }
}
