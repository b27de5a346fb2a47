using Amazon.EC2.Model;
using Reconciler.Model;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Security group rules between three forms: the document's rules, AWS's IpPermissions, and
/// <see cref="RuleAtom"/>s, which both reduce to for comparison.
/// <para>
/// The canonical live form (what Observe reports, and what a document should write so that an
/// in-sync group shows no diff): one item per (protocol, fromPort, toPort, description) holding
/// all that combination's CIDR blocks in <c>cidrBlocks</c>, sorted ordinally; and one item per
/// referenced group (<c>securityGroup</c>, a document name), never mixed with CIDRs. Protocol -1
/// has no ports in AWS and is reported with fromPort and toPort -1. Protocol numbers 1, 6 and 17
/// are reported as icmp, tcp and udp. IPv6 ranges, which documents cannot declare, appear in
/// <c>cidrBlocks</c> so that they show as differences and are revoked; prefix-list sources are
/// not reported and never touched.
/// </para>
/// </summary>
internal static class SecurityGroupRules
{
    private const string SecurityGroupKind = "SecurityGroup";

    /// <summary>AWS's permissions as atoms.</summary>
    public static List<RuleAtom> AtomsOf(IEnumerable<IpPermission>? permissions)
    {
        var atoms = new List<RuleAtom>();
        foreach (var permission in permissions ?? [])
        {
            var protocol = ProtocolName(permission.IpProtocol);
            var (from, to) = protocol == "-1" ? (-1, -1) : (permission.FromPort ?? -1, permission.ToPort ?? -1);
            atoms.AddRange((permission.Ipv4Ranges ?? []).Select(r => new RuleAtom(protocol, from, to, r.CidrIp, null, Blank(r.Description))));
            atoms.AddRange((permission.Ipv6Ranges ?? []).Select(r => new RuleAtom(protocol, from, to, r.CidrIpv6, null, Blank(r.Description))));
            atoms.AddRange((permission.UserIdGroupPairs ?? []).Select(p => new RuleAtom(protocol, from, to, null, p.GroupId, Blank(p.Description))));
        }

        return atoms;
    }

    /// <summary>
    /// The document's rules as atoms, group references resolved to ids. Rules naming a group that
    /// does not exist yet are returned apart: two groups that allow each other are created one
    /// after the other, so the first one's rule waits for the next reconcile.
    /// </summary>
    public static (List<RuleAtom> Atoms, List<string> Unresolved) AtomsOf(IEnumerable<SecurityGroupRuleSpec> rules, IdentityIndex identities)
    {
        var atoms = new List<RuleAtom>();
        var unresolved = new List<string>();
        foreach (var rule in rules)
        {
            var protocol = ProtocolName(rule.Protocol);
            var (from, to) = protocol == "-1" ? (-1, -1) : (rule.FromPort, rule.ToPort);
            var description = Blank(rule.Description);
            atoms.AddRange((rule.CidrBlocks ?? []).Select(c => new RuleAtom(protocol, from, to, c, null, description)));
            if (rule.SecurityGroup is { } group)
            {
                if (identities.TryIdOf(new ResourceKey(SecurityGroupKind, group)) is { } groupId)
                {
                    atoms.Add(new RuleAtom(protocol, from, to, null, groupId, description));
                }
                else
                {
                    unresolved.Add(group);
                }
            }
        }

        return (atoms, unresolved);
    }

    /// <summary>Atoms in the canonical live form described on this class, as the spec's rules.</summary>
    public static IReadOnlyList<SecurityGroupRuleSpec> ToLive(IEnumerable<RuleAtom> atoms, IdentityIndex identities)
    {
        var rules = new List<SecurityGroupRuleSpec>();
        foreach (var byCidr in atoms.Where(a => a.Cidr is not null).GroupBy(a => (a.Protocol, a.FromPort, a.ToPort, a.Description)))
        {
            var (protocol, from, to, description) = byCidr.Key;
            var cidrs = byCidr.Select(a => a.Cidr!).Distinct().Order(StringComparer.Ordinal).ToList();
            rules.Add(new SecurityGroupRuleSpec { Protocol = protocol, FromPort = from, ToPort = to, CidrBlocks = cidrs, Description = description });
        }

        foreach (var atom in atoms.Where(a => a.GroupId is not null).Distinct())
        {
            var group = identities.NameOf(SecurityGroupKind, atom.GroupId!);
            rules.Add(new SecurityGroupRuleSpec { Protocol = atom.Protocol, FromPort = atom.FromPort, ToPort = atom.ToPort, SecurityGroup = group, Description = atom.Description });
        }

        // Ordered only so that the same group always reads the same; the planner compares sets.
        return [.. rules.OrderBy(r => (r.Protocol, r.FromPort, r.ToPort, r.SecurityGroup ?? "", string.Join(",", r.CidrBlocks ?? []), r.Description ?? ""))];
    }

    /// <summary>Atoms as AWS permissions: one permission per atom, ports left out for protocol -1.</summary>
    public static List<IpPermission> ToPermissions(IEnumerable<RuleAtom> atoms) =>
        atoms.Select(a =>
        {
            var permission = new IpPermission { IpProtocol = a.Protocol };
            if (a.Protocol != "-1")
            {
                permission.FromPort = a.FromPort;
                permission.ToPort = a.ToPort;
            }

            if (a.GroupId is not null)
            {
                permission.UserIdGroupPairs = [new UserIdGroupPair { GroupId = a.GroupId, Description = a.Description }];
            }
            else if (a.Cidr!.Contains(':', StringComparison.Ordinal))
            {
                permission.Ipv6Ranges = [new Ipv6Range { CidrIpv6 = a.Cidr, Description = a.Description }];
            }
            else
            {
                permission.Ipv4Ranges = [new IpRange { CidrIp = a.Cidr, Description = a.Description }];
            }

            return permission;
        }).ToList();

    // AWS echoes protocols the way they were authorized; other tools may have used numbers.
    private static string ProtocolName(string? protocol) => protocol switch
    {
        null or "" or "all" => "-1",
        "6" => "tcp",
        "17" => "udp",
        "1" => "icmp",
        _ => protocol.ToLowerInvariant(),
    };

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
