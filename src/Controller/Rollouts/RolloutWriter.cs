using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// The fenced, sequence-conditional writes of one rollout tick, stamped with the tick's clock:
/// the engine's, and a runtime's when readying green takes steps of its own (a Lambda version
/// being published is recorded before it is published).
/// </summary>
internal sealed class RolloutWriter(RolloutStore store, LeaseFence fence, string stack, TimeProvider time)
{
    /// <summary>Writes <paramref name="next"/> over <paramref name="previous"/>; see <see cref="RolloutStore.WriteAsync"/>.</summary>
    public Task<RolloutState> WriteAsync(RolloutState? previous, RolloutState next, CancellationToken cancellationToken) =>
        store.WriteAsync(fence, stack, previous, next, time.GetUtcNow(), cancellationToken);
}
