using Reconciler.Aws;
using Reconciler.Aws.Clients.AutoScaling;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using AutoScalingOperations = Reconciler.Aws.Clients.AutoScaling.AutoScalingOperations;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.AutoScaling;

/// <summary>
/// Converges Auto Scaling groups, addressed by their name. Reads: one paginated
/// DescribeAutoScalingGroups (tags included), and one DescribeLaunchTemplates for the default
/// versions of the templates the groups run; no per-group reads.
/// <para>
/// A group runs its template's default version by number. When it runs another version (the
/// template changed out of band, or a crash came between the template's new version and the
/// move), its live <c>launchTemplate</c> says so and differs from the document; the update moves
/// it to the default version and starts an instance refresh (<see cref="TemplateRollout"/>).
/// </para>
/// </summary>
internal sealed class AutoScalingGroupDriver : NameAddressedDriver<AutoScalingGroupSpec, AutoScalingGroupDriver.Listed>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. AutoScalingTags.Operations,
        .. StackTagIndex.Operations,
        AutoScalingOperations.AttachLoadBalancerTargetGroups,
        AutoScalingOperations.CancelInstanceRefresh,
        AutoScalingOperations.CreateAutoScalingGroup,
        AutoScalingOperations.DeleteAutoScalingGroup,
        AutoScalingOperations.DescribeAutoScalingGroups,
        AutoScalingOperations.DetachLoadBalancerTargetGroups,
        AutoScalingOperations.StartInstanceRefresh,
        AutoScalingOperations.UpdateAutoScalingGroup,
        SdkOperations.Ec2.DescribeLaunchTemplates,
    ];

    protected override AwsService Service => AwsService.AutoScaling;

    protected override ITagApi Tags => AutoScalingTags.Instance;

    protected override string NameOf(AutoScalingGroupSpec spec) => spec.GroupName!;

    /// <summary>
    /// Every group whose name starts with the prefix (the API filters by exact names or tags
    /// only), with the default version of the template each runs.
    /// </summary>
    protected override async Task<IReadOnlyDictionary<string, Listed>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var groups = (await Pages.ReadAllAsync<AutoScalingGroup>(async token =>
        {
            var response = await context.Aws.AutoScaling.DescribeAutoScalingGroupsAsync(new AutoScalingGroupNamesType { NextToken = token }, cancellationToken);
            return (response.AutoScalingGroups, response.NextToken);
        })).Where(g => g.AutoScalingGroupName?.StartsWith(namePrefix, StringComparison.Ordinal) == true).ToList();
        var templateIds = groups.Select(g => g.LaunchTemplate?.LaunchTemplateId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var defaults = await TemplateRollout.DefaultVersionsAsync(templateIds, context, cancellationToken);
        return groups.ToDictionary(
            g => g.AutoScalingGroupName!,
            g => new Listed(g, g.LaunchTemplate?.LaunchTemplateId is { } id ? defaults.GetValueOrDefault(id) : null),
            StringComparer.Ordinal);
    }

    protected override Task<ObservedResource> ReadAsync(ResourceKey key, Listed listed, DriverContext context, CancellationToken cancellationToken)
    {
        var group = listed.Group;
        var live = new AutoScalingGroupSpec
        {
            GroupName = group.AutoScalingGroupName,
            LaunchTemplate = LiveTemplate(group.LaunchTemplate, listed.TemplateDefaultVersion, context),
            MinSize = group.MinSize ?? 0,
            MaxSize = group.MaxSize ?? 0,
            DesiredCapacity = group.DesiredCapacity ?? 0,
            Subnets = [.. (group.VPCZoneIdentifier ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => context.Identities.NameOf("Subnet", id))],
            TargetGroups = [.. (group.TargetGroupARNs ?? []).Select(arn => context.Identities.NameOf("TargetGroup", arn))],
            HealthCheckType = group.HealthCheckType ?? "EC2",
            HealthCheckGracePeriod = group.HealthCheckGracePeriod ?? 0,
        };
        var name = group.AutoScalingGroupName!;
        return Task.FromResult(Observed(
            key,
            live,
            AutoScalingTags.FromApi(group.Tags),
            new Dictionary<string, string> { ["id"] = name, ["arn"] = group.AutoScalingGroupARN ?? "" },
            new Dictionary<string, string>
            {
                ["autoScalingGroupName"] = name,
                ["autoScalingGroupArn"] = group.AutoScalingGroupARN ?? "",
            }));
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, AutoScalingGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var name = spec.GroupName!;
        await context.Aws.AutoScaling.CreateAutoScalingGroupAsync(
            new CreateAutoScalingGroupType
            {
                AutoScalingGroupName = name,
                LaunchTemplate = await CurrentTemplateAsync(spec, context, cancellationToken),
                MinSize = spec.MinSize,
                MaxSize = spec.MaxSize,
                DesiredCapacity = spec.DesiredCapacity,
                VPCZoneIdentifier = SubnetIds(spec, context),
                TargetGroupARNs = TargetGroupArns(spec.TargetGroups, context),
                HealthCheckType = spec.HealthCheckType,
                HealthCheckGracePeriod = spec.HealthCheckGracePeriod,
                Tags = AutoScalingTags.ToApi(name, tags),
            },
            cancellationToken);
        return name;
    }

    /// <summary>One UpdateAutoScalingGroup with the changed settings; a move to the template's default version also starts an instance refresh.</summary>
    protected override async Task ApplyAsync(SpecChange<AutoScalingGroupSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var desired = change.Desired;
        var template = change.Changed("launchTemplate");

        // The three sizes go together: Auto Scaling checks min <= desired <= max against what it is sent.
        var sizes = change.Changed("minSize") || change.Changed("maxSize") || change.Changed("desiredCapacity");
        await context.Aws.AutoScaling.UpdateAutoScalingGroupAsync(
            new UpdateAutoScalingGroupType
            {
                AutoScalingGroupName = change.Id,
                LaunchTemplate = template ? await CurrentTemplateAsync(desired, context, cancellationToken) : null,
                MinSize = sizes ? desired.MinSize : null,
                MaxSize = sizes ? desired.MaxSize : null,
                DesiredCapacity = sizes ? desired.DesiredCapacity : null,
                VPCZoneIdentifier = change.Changed("subnets") ? SubnetIds(desired, context) : null,
                HealthCheckType = change.IfChanged("healthCheckType", desired.HealthCheckType),
                HealthCheckGracePeriod = change.IfChanged("healthCheckGracePeriod", desired.HealthCheckGracePeriod),
            },
            cancellationToken);
        if (change.Changed("targetGroups"))
        {
            await MoveTargetGroupsAsync(change, context, cancellationToken);
        }

        if (template)
        {
            await TemplateRollout.RefreshAsync(change.Id, context, cancellationToken);
        }
    }

    /// <summary>Attaches the target groups the document adds before detaching those it drops, so the instances stay registered somewhere throughout.</summary>
    private static async Task MoveTargetGroupsAsync(SpecChange<AutoScalingGroupSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var desired = TargetGroupArns(change.Desired.TargetGroups, context);
        // A live group attached out of band has no document: its name is its ARN.
        var live = change.Live.TargetGroups.Select(name => context.Identities.TryIdOf(new ResourceKey("TargetGroup", name)) ?? name).ToList();
        if (desired.Except(live, StringComparer.Ordinal).ToList() is { Count: > 0 } attach)
        {
            await context.Aws.AutoScaling.AttachLoadBalancerTargetGroupsAsync(new AttachLoadBalancerTargetGroupsType { AutoScalingGroupName = change.Id, TargetGroupARNs = attach }, cancellationToken);
        }

        if (live.Except(desired, StringComparer.Ordinal).ToList() is { Count: > 0 } detach)
        {
            await context.Aws.AutoScaling.DetachLoadBalancerTargetGroupsAsync(new DetachLoadBalancerTargetGroupsType { AutoScalingGroupName = change.Id, TargetGroupARNs = detach }, cancellationToken);
        }
    }

    private static List<string> TargetGroupArns(IReadOnlyList<string> names, DriverContext context) =>
        [.. names.Select(name => context.Identities.IdOf("TargetGroup", name))];

    /// <summary>ForceDelete terminates the instances with the group; the delete returns before they are gone, so it waits until the group is.</summary>
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var name = identity["id"];
        await IgnoringNotFoundAsync(() => context.Aws.AutoScaling.DeleteAutoScalingGroupAsync(new DeleteAutoScalingGroupType { AutoScalingGroupName = name, ForceDelete = true }, cancellationToken));
        await Waiter.UntilAsync(
            $"{key} ({name}) to be deleted",
            async ct => (await context.Aws.AutoScaling.DescribeAutoScalingGroupsAsync(new AutoScalingGroupNamesType { AutoScalingGroupNames = [name] }, ct)).AutoScalingGroups is not { Count: > 0 },
            context,
            cancellationToken);
    }

    // Auto Scaling names a missing group in a ValidationError ("AutoScalingGroup name not found").
    protected override bool IsNotFound(Exception error) =>
        error is AwsServiceException { ErrorCode: "ValidationError", ErrorMessage: { } message } && message.Contains("not found", StringComparison.OrdinalIgnoreCase);

    /// <summary>The referenced template at its current default version.</summary>
    private static async Task<LaunchTemplateSpecification> CurrentTemplateAsync(AutoScalingGroupSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        var templateId = context.Identities.IdOf("LaunchTemplate", spec.LaunchTemplate);
        var versions = await TemplateRollout.DefaultVersionsAsync([templateId], context, cancellationToken);
        return TemplateRollout.Version(templateId, versions[templateId]);
    }

    /// <summary>The template's document name when the group runs its default version; else a text naming both versions, which differs from the document.</summary>
    private static string LiveTemplate(LaunchTemplateSpecification? template, string? defaultVersion, DriverContext context)
    {
        if (template?.LaunchTemplateId is not { } id)
        {
            return "";
        }

        var name = context.Identities.NameOf("LaunchTemplate", id);
        return template.Version == defaultVersion ? name : $"{name} at version {template.Version} (its default is {defaultVersion ?? "unknown"})";
    }

    private static string SubnetIds(AutoScalingGroupSpec spec, DriverContext context) =>
        string.Join(',', spec.Subnets.Select(name => context.Identities.IdOf("Subnet", name)));

    /// <summary>A listed group and the default version of the launch template it runs.</summary>
    internal sealed record Listed(AutoScalingGroup Group, string? TemplateDefaultVersion);
}
