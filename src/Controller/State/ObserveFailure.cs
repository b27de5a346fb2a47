using Reconciler.Model;

namespace Reconciler.Controller.State;

/// <summary>A resource whose kind could not be observed: how often in a row, when to try again, and why.</summary>
internal sealed record ObserveFailure
{
    public required ResourceKey Key { get; init; }

    /// <summary>Failed observes in a row (1 after the first).</summary>
    public required int Attempts { get; init; }

    /// <summary>Before this time the daemon does not observe the kind again (see <see cref="ObserveBackoff"/>).</summary>
    public required DateTimeOffset NextRetryAt { get; init; }

    /// <summary>What the last observe failed with.</summary>
    public required string Error { get; init; }
}
