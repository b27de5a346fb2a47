namespace Reconciler.Model.Specs;

/// <summary>A policy embedded in one role (PutRolePolicy): it lives and dies with the role.</summary>
public sealed record InlinePolicySpec
{
    /// <summary>The policy's name, unique within the role.</summary>
    public required string Name { get; init; }

    /// <summary>What the policy allows or denies.</summary>
    public required PolicyDocumentSpec Document { get; init; }
}
