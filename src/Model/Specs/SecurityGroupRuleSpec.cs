using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// One security group rule: a protocol and port range from (or to) either CIDR blocks or
/// another security group, never both.
/// </summary>
public sealed record SecurityGroupRuleSpec
{
    /// <summary>tcp, udp, icmp or -1 (all).</summary>
    [AllowedValues("tcp", "udp", "icmp", "-1")]
    public string Protocol { get; init; } = "tcp";

    /// <summary>First port of the range (for icmp, the type; -1 for all).</summary>
    [Range(-1, 65535)]
    public required int FromPort { get; init; }

    /// <summary>Last port of the range (for icmp, the code; -1 for all).</summary>
    [Range(-1, 65535)]
    public required int ToPort { get; init; }

    /// <summary>IPv4 ranges the rule allows.</summary>
    [Cidr]
    public IReadOnlyList<string>? CidrBlocks { get; init; }

    /// <summary>The name of a SecurityGroup document whose members the rule allows.</summary>
    [Reference("SecurityGroup", Soft = true)]
    public string? SecurityGroup { get; init; }

    /// <summary>Why the rule exists.</summary>
    public string? Description { get; init; }
}
