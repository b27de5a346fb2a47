namespace Reconciler.Controller.Leases;

/// <summary>Who holds a stack's lease, as a replica last read it (standbys included).</summary>
/// <param name="Holder">The holder's identity.</param>
/// <param name="FencingToken">The token of the holder's acquisition.</param>
public sealed record LeaderObservation(string Holder, long FencingToken);
