using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A security group and the whole of its ingress and egress rules.</summary>
/// <remarks>
/// Replaced delete-then-create: its group name is fixed (<c>{stack}-{name}</c>) and unique per
/// VPC, so the new group cannot exist beside the old one in the same VPC.
/// </remarks>
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

    /// <summary>
    /// Each rule allows either CIDR blocks or one security group, with ports in order. Ingress
    /// from the whole internet on anything but 80 or 443 is warned about: hardened groups open
    /// only the load balancer's web ports.
    /// </summary>
    public void Validate(SpecRules rules)
    {
        foreach (var (direction, list) in new[] { ("ingress", Ingress), ("egress", Egress) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                // A rule that failed to bind is a null placeholder, so indexes match the document.
                if (list[i] is { } rule)
                {
                    Check(rule, $"{direction}[{i}]", rules);
                }
            }
        }
    }

    /// <summary>AWS charges nothing for a security group.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;

    private const string Internet = "0.0.0.0/0";

    private static bool OnlyWebPorts(SecurityGroupRuleSpec rule) =>
        rule.Protocol == "tcp" && rule.FromPort == rule.ToPort && rule.FromPort is 80 or 443;

    private static string Describe(SecurityGroupRuleSpec rule) => rule.Protocol switch
    {
        "-1" => "all traffic",
        "icmp" => "icmp",
        _ when rule.FromPort == rule.ToPort => $"{rule.Protocol} port {rule.FromPort}",
        _ => $"{rule.Protocol} ports {rule.FromPort}-{rule.ToPort}",
    };

    private static void Check(SecurityGroupRuleSpec rule, string path, SpecRules rules)
    {
        var where = $"SecurityGroup spec.{path}";
        var hasCidrs = rule.CidrBlocks is { Count: > 0 } || rules.IsSet($"{path}.cidrBlocks");
        var hasGroup = rules.IsSet($"{path}.securityGroup");
        if (hasCidrs && hasGroup)
        {
            rules.Error(path, $"rule {where} sets both cidrBlocks and securityGroup; a rule allows either CIDR blocks or one security group, so split it into two rules");
        }
        else if (!hasCidrs && !hasGroup)
        {
            rules.Error(path, $"rule {where} sets neither cidrBlocks nor securityGroup; add the CIDR blocks or the security group it allows");
        }

        if (path.StartsWith("ingress", StringComparison.Ordinal) && rule.CidrBlocks?.Contains(Internet) == true && !OnlyWebPorts(rule))
        {
            rules.Warn($"{path}.cidrBlocks", $"rule {where} opens {Describe(rule)} to the whole internet ({Internet}); only a load balancer's 80 and 443 should be, so narrow the CIDR blocks or allow a security group instead");
        }

        // For icmp the two "ports" are a type and a code, which need not be in order.
        if (rule.Protocol is "tcp" or "udp" && rules.HasValue($"{path}.fromPort") && rules.HasValue($"{path}.toPort") && rule.FromPort > rule.ToPort)
        {
            rules.Error($"{path}.fromPort", $"fromPort {rule.FromPort} is greater than toPort {rule.ToPort} in {where}; swap them");
        }
    }
}
