namespace Reconciler.Controller.State;

/// <summary>One resource's state after a cycle.</summary>
/// <param name="State">in-sync, drifted, failed, pending-delete, pending or not-observed.</param>
/// <param name="Error">For failed or not-observed resources, why.</param>
public sealed record ResourceStatus(string State, string? Error = null);
