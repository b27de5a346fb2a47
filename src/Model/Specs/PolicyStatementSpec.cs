using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One statement of a policy document: who (trust policies), may or may not do what, on what, when.</summary>
public sealed record PolicyStatementSpec
{
    /// <summary>An optional statement id; unmanaged when absent.</summary>
    public string? Sid { get; init; }

    /// <summary>Allow or Deny.</summary>
    [AllowedValues("Allow", "Deny")]
    public string Effect { get; init; } = "Allow";

    /// <summary>Actions the statement covers, e.g. s3:GetObject. Compared as a set.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>Actions the statement covers by exclusion (every action but these). Compared as a set.</summary>
    public IReadOnlyList<string> NotActions { get; init; } = [];

    /// <summary>Resource ARNs the statement covers. Compared as a set.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Resource ARNs the statement covers by exclusion. Compared as a set.</summary>
    public IReadOnlyList<string> NotResources { get; init; } = [];

    /// <summary>Who the statement applies to: only in trust (assume-role) policies.</summary>
    public PolicyPrincipalsSpec? Principals { get; init; }

    /// <summary>Conditions, all of which must hold. Compared as a set.</summary>
    public IReadOnlyList<PolicyConditionSpec> Conditions { get; init; } = [];
}
