using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using ElasticLoadBalancingV2Operations = Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations;

namespace Reconciler.Controller.Drivers.Elbv2;

/// <summary>
/// Converges ALB target groups.
/// <para>
/// Reads: one paginated DescribeTargetGroups (every target group of the region: it takes no tag
/// filter), their tags from the stack's tag index (the tagging API lists target groups), then one
/// DescribeTargetGroupAttributes per target group of the stack for the deregistration delay
/// (ELBv2 has no batch read of attributes).
/// </para>
/// <para>Live form: the VPC as its document name; the health check as ELB reports it.</para>
/// </summary>
internal sealed class TargetGroupDriver : Elbv2Driver<TargetGroupSpec, TargetGroup>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. Elbv2Tags.Operations,
        .. StackTagIndex.Operations,
        ElasticLoadBalancingV2Operations.CreateTargetGroup,
        ElasticLoadBalancingV2Operations.DeleteTargetGroup,
        ElasticLoadBalancingV2Operations.DescribeTargetGroupAttributes,
        ElasticLoadBalancingV2Operations.DescribeTargetGroups,
        ElasticLoadBalancingV2Operations.ModifyTargetGroup,
        ElasticLoadBalancingV2Operations.ModifyTargetGroupAttributes,
    ];

    private const string DeregistrationDelay = "deregistration_delay.timeout_seconds";

    protected override string ArnOutputName => "targetGroupArn";

    protected override bool InStackTagIndex => true;

    protected override string ArnOf(TargetGroup item) => item.TargetGroupArn!;

    protected override async Task<IReadOnlyList<TargetGroup>> ListAsync(IReadOnlyList<TargetGroupSpec> desired, IReadOnlyList<string> recordedArns, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<TargetGroup>(async marker =>
        {
            var page = await context.Aws.Elbv2.DescribeTargetGroupsAsync(new DescribeTargetGroupsInput { Marker = marker }, cancellationToken);
            return (page.TargetGroups?.Where(g => g.TargetGroupArn is not null), page.NextMarker);
        });

    protected override async Task<TargetGroup?> DescribeByArnAsync(string arn, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.Elbv2.DescribeTargetGroupsAsync(new DescribeTargetGroupsInput { TargetGroupArns = [arn] }, cancellationToken)).TargetGroups?.FirstOrDefault();

    protected override async Task<(TargetGroupSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(TargetGroup item, DriverContext context, CancellationToken cancellationToken)
    {
        var attributes = (await context.Aws.Elbv2.DescribeTargetGroupAttributesAsync(new DescribeTargetGroupAttributesInput { TargetGroupArn = item.TargetGroupArn! }, cancellationToken)).Attributes ?? [];
        var delay = attributes.FirstOrDefault(a => a.Key == DeregistrationDelay)?.Value;
        var live = new TargetGroupSpec
        {
            Vpc = item.VpcId is { } vpcId ? context.Identities.NameOf("Vpc", vpcId) : "",
            Port = item.Port ?? 0,
            Protocol = item.Protocol ?? "",
            TargetType = item.TargetType ?? "",
            HealthCheck = new HealthCheckSpec
            {
                Path = item.HealthCheckPath ?? "",
                IntervalSeconds = item.HealthCheckIntervalSeconds ?? 0,
                TimeoutSeconds = item.HealthCheckTimeoutSeconds ?? 0,
                HealthyThreshold = item.HealthyThresholdCount ?? 0,
                UnhealthyThreshold = item.UnhealthyThresholdCount ?? 0,
                Matcher = item.Matcher?.HttpCode ?? "",
            },
            DeregistrationDelaySeconds = int.TryParse(delay, out var seconds) ? seconds : -1,
        };
        return (live, new Dictionary<string, string> { ["targetGroupName"] = item.TargetGroupName ?? "" });
    }

    // The deregistration delay is an attribute, not a CreateTargetGroup parameter: it follows as an in-place change.
    protected override async Task<string> CreateNewAsync(ResourceKey key, TargetGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var check = spec.HealthCheck;
        var created = await context.Aws.Elbv2.CreateTargetGroupAsync(
            new CreateTargetGroupInput
            {
                Name = Elbv2Names.Generated(context.Stack.Name, key.Name),
                Protocol = spec.Protocol,
                Port = spec.Port,
                VpcId = context.Identities.IdOf("Vpc", spec.Vpc),
                TargetType = spec.TargetType,
                HealthCheckEnabled = true,
                HealthCheckPath = check.Path,
                HealthCheckIntervalSeconds = check.IntervalSeconds,
                HealthCheckTimeoutSeconds = check.TimeoutSeconds,
                HealthyThresholdCount = check.HealthyThreshold,
                UnhealthyThresholdCount = check.UnhealthyThreshold,
                Matcher = new Matcher { HttpCode = check.Matcher },
                Tags = Elbv2Tags.AtCreate(tags),
            },
            cancellationToken);
        return created.TargetGroups?.FirstOrDefault()?.TargetGroupArn ?? throw new InvalidOperationException($"{key}: CreateTargetGroup returned no target group.");
    }

    protected override async Task ApplyAsync(SpecChange<TargetGroupSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        if (change.Changed("healthCheck"))
        {
            var check = change.Desired.HealthCheck;
            await context.Aws.Elbv2.ModifyTargetGroupAsync(
                new ModifyTargetGroupInput
                {
                    TargetGroupArn = change.Id,
                    HealthCheckPath = check.Path,
                    HealthCheckIntervalSeconds = check.IntervalSeconds,
                    HealthCheckTimeoutSeconds = check.TimeoutSeconds,
                    HealthyThresholdCount = check.HealthyThreshold,
                    UnhealthyThresholdCount = check.UnhealthyThreshold,
                    Matcher = new Matcher { HttpCode = check.Matcher },
                },
                cancellationToken);
        }

        if (change.Changed("deregistrationDelaySeconds"))
        {
            await context.Aws.Elbv2.ModifyTargetGroupAttributesAsync(
                new ModifyTargetGroupAttributesInput
                {
                    TargetGroupArn = change.Id,
                    Attributes = [new TargetGroupAttribute { Key = DeregistrationDelay, Value = change.Desired.DeregistrationDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }],
                },
                cancellationToken);
        }
    }

    /// <summary>Deletes the target group; ELB refuses while a listener or rule still forwards to it (ResourceInUse), which the next run retries after they moved.</summary>
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Elbv2.DeleteTargetGroupAsync(new DeleteTargetGroupInput { TargetGroupArn = identity["id"] }, cancellationToken));
}
