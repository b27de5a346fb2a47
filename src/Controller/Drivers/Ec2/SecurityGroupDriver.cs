using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges security groups and the whole of their rules. Reads: one tag-filtered
/// DescribeSecurityGroups for the whole stack, rules included, so no per-resource reads.
/// Live rules are reported in the canonical form described on <see cref="SecurityGroupRules"/>.
/// <para>
/// Groups that allow each other: the Model makes such references soft, so one group is created
/// before the other exists. Its rules naming the missing group are skipped (with a warning) and
/// authorized by the next reconcile, which sees them missing and plans an update.
/// </para>
/// </summary>
internal sealed class SecurityGroupDriver : Ec2Driver<SecurityGroupSpec, SecurityGroup>
{
    protected override string IdOutputName => "securityGroupId";

    protected override async Task<IReadOnlyList<SecurityGroup>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<SecurityGroup>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeSecurityGroupsAsync(
                new DescribeSecurityGroupsRequest { Filters = filters, GroupIds = ids, NextToken = token },
                cancellationToken);
            return (response.SecurityGroups, response.NextToken);
        });

    protected override string IdOf(SecurityGroup item) => item.GroupId;

    protected override IEnumerable<Tag>? TagsOf(SecurityGroup item) => item.Tags;

    protected override Task<JsonObject> LiveOf(SecurityGroup item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new JsonObject
        {
            ["vpc"] = context.Identities.NameOf("Vpc", item.VpcId),
            ["description"] = item.Description,
            ["ingress"] = SecurityGroupRules.ToLive(SecurityGroupRules.AtomsOf(item.IpPermissions), context.Identities),
            ["egress"] = SecurityGroupRules.ToLive(SecurityGroupRules.AtomsOf(item.IpPermissionsEgress), context.Identities),
        });

    protected override IReadOnlyDictionary<string, string> OutputsOf(SecurityGroup item) =>
        new Dictionary<string, string> { ["groupName"] = item.GroupName, ["vpcId"] = item.VpcId };

    protected override async Task<ObservedResource> CreateAsync(ResourceKey key, SecurityGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var group = await FindTaggedAsync(key, context, cancellationToken) ?? await CreateOrFindByNameAsync(key, spec, tags, context, cancellationToken);
        await Ec2Tags.ConvergeAsync(context.Aws.Ec2, group.GroupId, tags, Ec2Tags.FromSdk(group.Tags), cancellationToken);

        // Known before the rules are written, so a rule allowing the group itself resolves.
        context.Identities.Set(key, group.GroupId);

        // A new group comes with AWS's allow-all egress rule; converging egress revokes it unless desired.
        await ConvergeRulesAsync(key, spec, group, [RuleDirection.Ingress, RuleDirection.Egress], context, cancellationToken);
        return await ObserveByIdAsync(key, group.GroupId, context, cancellationToken);
    }

    protected override async Task<ObservedResource> UpdateAsync(ResourceKey key, SecurityGroupSpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken)
    {
        var id = observed.Identity["id"];
        var directions = new List<RuleDirection>();
        if (fields.Any(f => f.Path == "ingress"))
        {
            directions.Add(RuleDirection.Ingress);
        }

        if (fields.Any(f => f.Path == "egress"))
        {
            directions.Add(RuleDirection.Egress);
        }

        if (directions.Count > 0)
        {
            var group = (await DescribeAsync(null, [id], context, cancellationToken)).Single();
            await ConvergeRulesAsync(key, spec, group, directions, context, cancellationToken);
        }

        await Ec2Tags.ConvergeAsync(context.Aws.Ec2, id, tags, observed.Tags, cancellationToken);
        return await ObserveByIdAsync(key, id, context, cancellationToken);
    }

    /// <summary>
    /// Revokes every rule that ties this group to another one, in both directions (its own rules
    /// naming other groups, and other stack groups' rules naming it), then deletes it, waiting out
    /// network interfaces that still use it.
    /// </summary>
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity["id"];
        var groups = (await DescribeAsync([Ec2Tags.StackFilter(context.Stack)], null, context, cancellationToken)).ToList();
        if (groups.All(g => g.GroupId != id))
        {
            // Not tagged as the stack's (any more), or already gone.
            var own = await DescribeByIdsAsync([id], context, cancellationToken);
            if (own.Count == 0)
            {
                return;
            }

            groups.AddRange(own);
        }

        foreach (var group in groups)
        {
            var mine = group.GroupId == id;
            bool Ties(RuleAtom a) => a.GroupId is not null && (mine ? a.GroupId != id : a.GroupId == id);
            await SecurityGroupRuleWriter.RevokeAsync(context.Aws.Ec2, group.GroupId, RuleDirection.Ingress, SecurityGroupRules.AtomsOf(group.IpPermissions).Where(Ties).ToList(), cancellationToken);
            await SecurityGroupRuleWriter.RevokeAsync(context.Aws.Ec2, group.GroupId, RuleDirection.Egress, SecurityGroupRules.AtomsOf(group.IpPermissionsEgress).Where(Ties).ToList(), cancellationToken);
        }

        await DependencyRetry.RunAsync(
            $"{key} ({id}) to be released by network interfaces and other groups",
            ct => IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = id }, ct)),
            context,
            cancellationToken);
    }

    // The group name is deterministic, so a group created by a crashed cycle whose tags were then
    // lost is still adopted rather than refused as a duplicate.
    private async Task<SecurityGroup> CreateOrFindByNameAsync(ResourceKey key, SecurityGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var vpcId = context.Identities.IdOf("Vpc", spec.Vpc);
        var name = $"{context.Stack.Name}-{key.Name}";
        try
        {
            var created = await context.Aws.Ec2.CreateSecurityGroupAsync(
                new CreateSecurityGroupRequest
                {
                    GroupName = name,
                    Description = spec.Description,
                    VpcId = vpcId,
                    TagSpecifications = Ec2Tags.AtCreate(ResourceType.SecurityGroup, tags),
                },
                cancellationToken);
            return (await DescribeAsync(null, [created.GroupId], context, cancellationToken)).Single();
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidGroup.Duplicate")
        {
            var byName = await DescribeAsync([new Filter("group-name", [name]), new Filter("vpc-id", [vpcId])], null, context, cancellationToken);
            return byName.Single();
        }
    }

    private static async Task ConvergeRulesAsync(ResourceKey key, SecurityGroupSpec spec, SecurityGroup live, IEnumerable<RuleDirection> directions, DriverContext context, CancellationToken cancellationToken)
    {
        foreach (var direction in directions)
        {
            var (rules, liveRules) = direction == RuleDirection.Ingress ? (spec.Ingress, live.IpPermissions) : (spec.Egress, live.IpPermissionsEgress);
            var (desired, unresolved) = SecurityGroupRules.AtomsOf(rules, context.Identities);
            foreach (var group in unresolved)
            {
                context.Logger.LogWarning(
                    "{Resource}: {Direction} rule naming SecurityGroup/{Group} is left for the next reconcile: that group does not exist yet",
                    key,
                    direction,
                    group);
            }

            await SecurityGroupRuleWriter.ConvergeAsync(context.Aws.Ec2, live.GroupId, direction, desired, SecurityGroupRules.AtomsOf(liveRules), cancellationToken);
        }
    }
}
