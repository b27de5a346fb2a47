using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>A security group and the whole of its ingress and egress rules.</summary>
[Kind("SecurityGroup")]
public sealed record SecurityGroupSpec : IResourceSpec
{
    /// <summary>The name of the Vpc document the group belongs to.</summary>
    [Reference("Vpc"), Immutable]
    public required string Vpc { get; init; }

    /// <summary>What the group is for. AWS cannot change it, so a change replaces the group.</summary>
    [Immutable]
    public required string Description { get; init; }

    /// <summary>Inbound rules. Compared as a set; rules not listed are revoked.</summary>
    public IReadOnlyList<SecurityGroupRuleSpec> Ingress { get; init; } = [];

    /// <summary>
    /// Outbound rules. Compared as a set. Empty means no outbound traffic at all (AWS's
    /// default allow-all rule is revoked): hardened by default.
    /// </summary>
    public IReadOnlyList<SecurityGroupRuleSpec> Egress { get; init; } = [];
}
