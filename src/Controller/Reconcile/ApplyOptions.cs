using Reconciler.Controller.Reconcile.Guards;

namespace Reconciler.Controller.Reconcile;

/// <summary>How one apply runs.</summary>
internal sealed record ApplyOptions
{
    /// <summary>Guard rails switched off on purpose.</summary>
    public GuardOverrides Overrides { get; init; } = new();

    /// <summary>
    /// Whether drift under an <c>alert</c> policy is left alone. The daemon honours the policy;
    /// an explicit <c>reconciler apply</c> is a person asking for AWS to match the documents,
    /// so it corrects drift whatever the policy.
    /// </summary>
    public bool HonourDriftPolicy { get; init; }
}
