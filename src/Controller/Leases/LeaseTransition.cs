namespace Reconciler.Controller.Leases;

/// <summary>A change in who leads a stack, as counted by <see cref="LeaseMetrics"/>.</summary>
public enum LeaseTransition
{
    /// <summary>This replica took the lease (a new fencing token).</summary>
    Acquired,

    /// <summary>This replica stopped leading without meaning to: renew deadline passed or another replica took the lease.</summary>
    Lost,

    /// <summary>This replica stopped leading on shutdown and gave the lease up.</summary>
    Released,

    /// <summary>This replica saw the lease pass to a holder (itself included).</summary>
    ObservedNewLeader,
}
