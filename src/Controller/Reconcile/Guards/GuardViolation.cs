namespace Reconciler.Controller.Reconcile.Guards;

/// <summary>A guard rail refused the run; the message says why and how to override it on purpose.</summary>
public sealed class GuardViolation(string message) : Exception(message);
