namespace Reconciler.Model.Stacks;

/// <summary>
/// The deletion policy in force for a resource, and whether its document chose it explicitly.
/// Record both at apply: a stateful resource is deleted only on an explicit <c>deletionPolicy: delete</c>.
/// </summary>
/// <param name="Policy">Delete or orphan.</param>
/// <param name="Explicit">Whether <c>metadata.deletionPolicy</c> set it.</param>
public readonly record struct EffectiveDeletionPolicy(DeletionPolicy Policy, bool Explicit);
