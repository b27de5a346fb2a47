using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Aws.Clients.AutoScaling;
using Reconciler.Model.Stacks;
using Filter = Reconciler.Aws.Clients.AutoScaling.Filter;
using LaunchTemplateSpecification = Reconciler.Aws.Clients.AutoScaling.LaunchTemplateSpecification;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// How Auto Scaling groups follow their launch template: a group runs the template's default
/// version by number (not <c>$Default</c>, so what runs is visible), and moving it to a new
/// version starts an instance refresh, which replaces the running instances in rolling batches.
/// Used by the launch template's driver right after it makes a version (so one apply converges
/// both) and by the group's driver when it finds itself behind (a version made out of band, or a
/// crash between the two writes).
/// </summary>
internal static class TemplateRollout
{
    /// <summary>The default version of each launch template, by id, in one Describe.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DefaultVersionsAsync(IReadOnlyCollection<string> templateIds, DriverContext context, CancellationToken cancellationToken)
    {
        if (templateIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var templates = await Pages.ReadAllAsync<Amazon.EC2.Model.LaunchTemplate>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeLaunchTemplatesAsync(
                new DescribeLaunchTemplatesRequest { LaunchTemplateIds = [.. templateIds], NextToken = token },
                cancellationToken);
            return (response.LaunchTemplates, response.NextToken);
        });
        return templates.ToDictionary(t => t.LaunchTemplateId, t => t.DefaultVersionNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1", StringComparer.Ordinal);
    }

    /// <summary>Moves the stack's groups that run an older version of the template to <paramref name="version"/>, each with an instance refresh.</summary>
    public static async Task FollowAsync(string templateId, string version, DriverContext context, CancellationToken cancellationToken)
    {
        var groups = await Pages.ReadAllAsync<AutoScalingGroup>(async token =>
        {
            var response = await context.Aws.AutoScaling.DescribeAutoScalingGroupsAsync(
                new AutoScalingGroupNamesType { Filters = [new Filter { Name = $"tag:{ResourceTags.StackTag}", Values = [context.Stack.Name] }], NextToken = token },
                cancellationToken);
            return (response.AutoScalingGroups, response.NextToken);
        });
        foreach (var group in groups.Where(g => g.LaunchTemplate?.LaunchTemplateId == templateId && g.LaunchTemplate.Version != version))
        {
            await context.Aws.AutoScaling.UpdateAutoScalingGroupAsync(
                new UpdateAutoScalingGroupType { AutoScalingGroupName = group.AutoScalingGroupName!, LaunchTemplate = Version(templateId, version) },
                cancellationToken);
            await RefreshAsync(group.AutoScalingGroupName!, context, cancellationToken);
        }
    }

    /// <summary>The group's launch template setting for one version of a template.</summary>
    public static LaunchTemplateSpecification Version(string templateId, string version) => new() { LaunchTemplateId = templateId, Version = version };

    /// <summary>
    /// Starts an instance refresh so running instances are replaced by ones of the group's current
    /// template version, keeping 90 % healthy. One already running (on the previous version) is
    /// cancelled and started again. When AWS cannot start one, the apply goes on with a warning:
    /// the group already launches the new version, and only the instances already running stay on
    /// the old one until they are replaced. moto 5 does not implement instance refreshes (it
    /// answers HTTP 500), which is the case this exists for.
    /// </summary>
    public static async Task RefreshAsync(string groupName, DriverContext context, CancellationToken cancellationToken)
    {
        var request = new StartInstanceRefreshType { AutoScalingGroupName = groupName, Strategy = "Rolling", Preferences = new RefreshPreferences { MinHealthyPercentage = 90 } };
        try
        {
            try
            {
                await context.Aws.AutoScaling.StartInstanceRefreshAsync(request, cancellationToken);
            }
            catch (AwsServiceException e) when (e.ErrorCode == "InstanceRefreshInProgress")
            {
                await context.Aws.AutoScaling.CancelInstanceRefreshAsync(new CancelInstanceRefreshType { AutoScalingGroupName = groupName }, cancellationToken);
                await Waiter.UntilAsync(
                    $"the instance refresh of {groupName} to start after cancelling the one in progress",
                    async ct =>
                    {
                        try
                        {
                            await context.Aws.AutoScaling.StartInstanceRefreshAsync(request, ct);
                            return true;
                        }
                        catch (AwsServiceException refused) when (refused.ErrorCode == "InstanceRefreshInProgress")
                        {
                            return false;
                        }
                    },
                    context,
                    cancellationToken);
            }
        }
        catch (Exception e) when (e is AwsServiceException or AwsWriteOutcomeUnknownException)
        {
            context.Logger.LogWarning(
                "Auto Scaling group {Group} now launches its template's new version, but no instance refresh could be started ({Error}); the running instances keep the previous version until replaced: start one with `aws autoscaling start-instance-refresh --auto-scaling-group-name {Group}`",
                groupName,
                e.Message,
                groupName);
        }
    }
}
