namespace Reconciler.Controller.Daemon;

/// <summary>An AWS write was stopped because this replica does not (or may no longer) hold the lease.</summary>
public sealed class WriteRefusedException(string message) : Exception(message);
