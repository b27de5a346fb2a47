using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

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
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.AuthorizeSecurityGroupEgress,
        SdkOperations.Ec2.AuthorizeSecurityGroupIngress,
        SdkOperations.Ec2.CreateSecurityGroup,
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.DeleteSecurityGroup,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DescribeSecurityGroups,
        SdkOperations.Ec2.RevokeSecurityGroupEgress,
        SdkOperations.Ec2.RevokeSecurityGroupIngress,
        SdkOperations.Ec2.UpdateSecurityGroupRuleDescriptionsEgress,
        SdkOperations.Ec2.UpdateSecurityGroupRuleDescriptionsIngress,
    ];

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

    protected override Task<SecurityGroupSpec> LiveOf(SecurityGroup item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new SecurityGroupSpec
        {
            Vpc = context.Identities.NameOf("Vpc", item.VpcId),
            Description = item.Description,
            Ingress = SecurityGroupRules.ToLive(SecurityGroupRules.AtomsOf(item.IpPermissions), context.Identities),
            Egress = SecurityGroupRules.ToLive(SecurityGroupRules.AtomsOf(item.IpPermissionsEgress), context.Identities),
        });

    protected override IReadOnlyDictionary<string, string> OutputsOf(SecurityGroup item) =>
        new Dictionary<string, string> { ["groupName"] = item.GroupName, ["vpcId"] = item.VpcId };

    /// <summary>
    /// Creates the group without rules: AWS gives a new group its allow-all egress rule, which the
    /// rules' in-place change then revokes unless desired. The group name is deterministic, so a
    /// group created by a crashed cycle whose tags were then lost is adopted, not refused as a duplicate.
    /// </summary>
    protected override async Task<string> CreateNewAsync(ResourceKey key, SecurityGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var vpcId = context.Identities.IdOf("Vpc", spec.Vpc);
        var name = $"{context.Stack.Name}-{key.Name}";
        try
        {
            var request = new CreateSecurityGroupRequest { GroupName = name, Description = spec.Description, VpcId = vpcId, TagSpecifications = Ec2Tags.AtCreate(ResourceType.SecurityGroup, tags) };
            return (await context.Aws.Ec2.CreateSecurityGroupAsync(request, cancellationToken)).GroupId;
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidGroup.Duplicate")
        {
            return (await DescribeAsync([new Filter("group-name", [name]), new Filter("vpc-id", [vpcId])], null, context, cancellationToken)).Single().GroupId;
        }
    }

    protected override async Task ApplyAsync(SpecChange<SecurityGroupSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var group = await DescribeOneAsync(change.Key, change.Id, context, cancellationToken);
        if (change.Changed("ingress"))
        {
            await ConvergeRulesAsync(change.Key, RuleDirection.Ingress, change.Desired.Ingress, group.IpPermissions, group.GroupId, context, cancellationToken);
        }

        if (change.Changed("egress"))
        {
            await ConvergeRulesAsync(change.Key, RuleDirection.Egress, change.Desired.Egress, group.IpPermissionsEgress, group.GroupId, context, cancellationToken);
        }
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

    private static async Task ConvergeRulesAsync(ResourceKey key, RuleDirection direction, IEnumerable<SecurityGroupRuleSpec> rules, List<IpPermission>? liveRules, string groupId, DriverContext context, CancellationToken cancellationToken)
    {
        var (desired, unresolved) = SecurityGroupRules.AtomsOf(rules, context.Identities);
        foreach (var group in unresolved)
        {
            context.Logger.LogWarning("{Resource}: {Direction} rule naming SecurityGroup/{Group} is left for the next reconcile: that group does not exist yet", key, direction, group);
        }

        await SecurityGroupRuleWriter.ConvergeAsync(context.Aws.Ec2, groupId, direction, desired, SecurityGroupRules.AtomsOf(liveRules), cancellationToken);
    }
}
