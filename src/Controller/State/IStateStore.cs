using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.State;

/// <summary>
/// What the engine (observer, executor, reconciler) needs of the state table. <see cref="StateStore"/>
/// keeps it in DynamoDB; the seam lets the engine's tests run on a store in memory.
/// </summary>
internal interface IStateStore
{
    /// <summary>Creates the state table when it is missing and waits until it is active.</summary>
    Task EnsureTableAsync(CancellationToken cancellationToken);

    /// <summary>Every resource recorded for the stack; empty when the table does not exist yet.</summary>
    Task<IReadOnlyDictionary<ResourceKey, RecordedResource>> LoadAsync(string stack, CancellationToken cancellationToken);

    /// <summary>Records that a create is about to be sent, before it is.</summary>
    Task MarkCreatePendingAsync(string stack, ResourceKey key, EffectiveDeletionPolicy deletionPolicy, CancellationToken cancellationToken);

    /// <summary>
    /// Records what was applied: identity, outputs, the desired hash (null when the resource does
    /// not match its document yet), the deletion policy, the tags applied and any replaced
    /// resource still to delete. Replaces what was recorded before.
    /// </summary>
    Task RecordAppliedAsync(string stack, RecordedResource record, CancellationToken cancellationToken);

    /// <summary>Forgets a resource that was deleted or orphaned.</summary>
    Task ForgetAsync(string stack, ResourceKey key, CancellationToken cancellationToken);

    /// <summary>The resources whose last observe failed, with attempts and next retry; empty when none or no table.</summary>
    Task<IReadOnlyDictionary<ResourceKey, ObserveFailure>> LoadObserveFailuresAsync(string stack, CancellationToken cancellationToken);

    /// <summary>Records (replacing) a resource's failed observe.</summary>
    Task RecordObserveFailureAsync(string stack, ObserveFailure failure, CancellationToken cancellationToken);

    /// <summary>Forgets a resource's failed observe once it was observed again.</summary>
    Task ClearObserveFailureAsync(string stack, ResourceKey key, CancellationToken cancellationToken);
}
