namespace Reconciler.Controller.Permissions;

/// <summary>A policy IAM could not take even split into managed policies: too many parts for one role, or a statement that cannot be cut.</summary>
internal sealed class PolicyTooLargeException(string message) : Exception(message);
