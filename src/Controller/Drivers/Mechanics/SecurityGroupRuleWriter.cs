using Amazon.EC2;
using Amazon.EC2.Model;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Converges one rule list of a security group, rule by rule: revokes what is extra, authorizes
/// what is missing and rewrites descriptions in place, so a rule that stays is never briefly
/// absent. Compares <see cref="RuleAtom"/>s, so AWS's grouping of permissions does not matter.
/// </summary>
internal static class SecurityGroupRuleWriter
{
    /// <summary>Makes the group's rules in one direction exactly <paramref name="desired"/>.</summary>
    public static async Task ConvergeAsync(IAmazonEC2 ec2, string groupId, RuleDirection direction, IReadOnlyCollection<RuleAtom> desired, IReadOnlyCollection<RuleAtom> live, CancellationToken cancellationToken)
    {
        var liveByMatch = live.GroupBy(a => a.Match).ToDictionary(g => g.Key, g => g.First());
        var desiredByMatch = desired.GroupBy(a => a.Match).ToDictionary(g => g.Key, g => g.First());

        // Revoke first: an authorize that overlaps an extra rule would otherwise be a duplicate.
        await RevokeAsync(ec2, groupId, direction, liveByMatch.Where(l => !desiredByMatch.ContainsKey(l.Key)).Select(l => l.Value).ToList(), cancellationToken);
        await AuthorizeAsync(ec2, groupId, direction, desiredByMatch.Where(d => !liveByMatch.ContainsKey(d.Key)).Select(d => d.Value).ToList(), cancellationToken);
        var redescribed = desiredByMatch
            .Where(d => liveByMatch.TryGetValue(d.Key, out var l) && l.Description != d.Value.Description)
            .Select(d => d.Value)
            .ToList();
        await UpdateDescriptionsAsync(ec2, groupId, direction, redescribed, cancellationToken);
    }

    /// <summary>
    /// Revokes the given live rules. They are sent exactly as read, descriptions included: AWS
    /// ignores descriptions when matching, moto does not.
    /// </summary>
    public static async Task RevokeAsync(IAmazonEC2 ec2, string groupId, RuleDirection direction, IReadOnlyCollection<RuleAtom> atoms, CancellationToken cancellationToken)
    {
        if (atoms.Count == 0)
        {
            return;
        }

        var permissions = SecurityGroupRules.ToPermissions(atoms);
        try
        {
            if (direction == RuleDirection.Ingress)
            {
                await ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = permissions }, cancellationToken);
            }
            else
            {
                await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = permissions }, cancellationToken);
            }
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidPermission.NotFound")
        {
            // Gone already: a revoke re-sent after its answer was lost finds nothing left to revoke.
        }
    }

    private static async Task AuthorizeAsync(IAmazonEC2 ec2, string groupId, RuleDirection direction, IReadOnlyCollection<RuleAtom> atoms, CancellationToken cancellationToken)
    {
        if (atoms.Count == 0)
        {
            return;
        }

        var permissions = SecurityGroupRules.ToPermissions(atoms);
        try
        {
            if (direction == RuleDirection.Ingress)
            {
                await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = permissions }, cancellationToken);
            }
            else
            {
                await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = permissions }, cancellationToken);
            }
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidPermission.Duplicate")
        {
            // The rules are there: an authorize re-sent after its answer was lost finds its own work done.
        }
    }

    private static async Task UpdateDescriptionsAsync(IAmazonEC2 ec2, string groupId, RuleDirection direction, IReadOnlyCollection<RuleAtom> atoms, CancellationToken cancellationToken)
    {
        if (atoms.Count == 0)
        {
            return;
        }

        var permissions = SecurityGroupRules.ToPermissions(atoms);
        if (direction == RuleDirection.Ingress)
        {
            await ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(new UpdateSecurityGroupRuleDescriptionsIngressRequest { GroupId = groupId, IpPermissions = permissions }, cancellationToken);
        }
        else
        {
            await ec2.UpdateSecurityGroupRuleDescriptionsEgressAsync(new UpdateSecurityGroupRuleDescriptionsEgressRequest { GroupId = groupId, IpPermissions = permissions }, cancellationToken);
        }
    }
}
