namespace Reconciler.Controller.Leases;

/// <summary>
/// What <see cref="LeaderElector"/> calls when leadership changes, like client-go's
/// LeaderCallbacks. Called on the elector's loop: keep them short and start long work on a
/// task of its own. An exception is logged and does not stop the elector.
/// </summary>
public sealed record LeaderCallbacks
{
    /// <summary>This replica became leader; stop its work when <see cref="Leadership.Lost"/> is cancelled.</summary>
    public Action<Leadership>? OnStartedLeading { get; init; }

    /// <summary>This replica's term ended (after <see cref="Leadership.Lost"/> was cancelled).</summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>The lease passed to the named holder (this replica included).</summary>
    public Action<string>? OnNewLeader { get; init; }
}
