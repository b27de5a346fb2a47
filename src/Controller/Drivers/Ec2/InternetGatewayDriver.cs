using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges internet gateways and their VPC attachment. Reads: one tag-filtered
/// DescribeInternetGateways for the whole stack, attachments included, so no per-resource reads.
/// A gateway attached to no VPC is reported with <c>vpc: null</c>.
/// </summary>
internal sealed class InternetGatewayDriver : Ec2Driver<InternetGatewaySpec, InternetGateway>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.AttachInternetGateway,
        SdkOperations.Ec2.CreateInternetGateway,
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.DeleteInternetGateway,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DescribeInternetGateways,
        SdkOperations.Ec2.DetachInternetGateway,
    ];

    protected override string IdOutputName => "internetGatewayId";

    protected override async Task<IReadOnlyList<InternetGateway>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<InternetGateway>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeInternetGatewaysAsync(
                new DescribeInternetGatewaysRequest { Filters = filters, InternetGatewayIds = ids, NextToken = token },
                cancellationToken);
            return (response.InternetGateways, response.NextToken);
        });

    protected override string IdOf(InternetGateway item) => item.InternetGatewayId;

    protected override IEnumerable<Tag>? TagsOf(InternetGateway item) => item.Tags;

    protected override Task<InternetGatewaySpec> LiveOf(InternetGateway item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new InternetGatewaySpec { Vpc = AttachedVpcOf(item) is { } vpcId ? context.Identities.NameOf("Vpc", vpcId) : null });

    protected override IReadOnlyDictionary<string, string> OutputsOf(InternetGateway item) =>
        AttachedVpcOf(item) is { } vpcId ? new Dictionary<string, string> { ["vpcId"] = vpcId } : new Dictionary<string, string>();

    // The attachment follows as an in-place change of vpc.
    protected override async Task<string> CreateNewAsync(ResourceKey key, InternetGatewaySpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        // Resolved first, so a missing VPC fails before anything is created.
        _ = context.Identities.IdOf("Vpc", spec.Vpc!);
        var response = await context.Aws.Ec2.CreateInternetGatewayAsync(
            new CreateInternetGatewayRequest { TagSpecifications = Ec2Tags.AtCreate(ResourceType.InternetGateway, tags) },
            cancellationToken);
        return response.InternetGateway.InternetGatewayId;
    }

    // A gateway is attached to at most one VPC: moving it means detaching from the old one first.
    protected override async Task ApplyAsync(SpecChange<InternetGatewaySpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var vpcId = context.Identities.IdOf("Vpc", change.Desired.Vpc!);
        var gateway = await DescribeOneAsync(change.Key, change.Id, context, cancellationToken);
        await DetachAllAsync(change.Key, gateway, keep: vpcId, context, cancellationToken);
        if (AttachedVpcOf(gateway) != vpcId)
        {
            try
            {
                await context.Aws.Ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = change.Id, VpcId = vpcId }, cancellationToken);
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == "Resource.AlreadyAssociated")
            {
                // Attached where it belongs: an attach re-sent after its answer was lost finds its own work done.
                if (AttachedVpcOf(await DescribeOneAsync(change.Key, change.Id, context, cancellationToken)) != vpcId)
                {
                    throw;
                }
            }
        }
    }

    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity["id"];
        if ((await DescribeByIdsAsync([id], context, cancellationToken)).FirstOrDefault() is not { } gateway)
        {
            return;
        }

        await DetachAllAsync(key, gateway, keep: null, context, cancellationToken);
        await IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = id }, cancellationToken));
    }

    // Detaching fails with DependencyViolation while instances in the VPC still hold public addresses.
    private async Task DetachAllAsync(ResourceKey key, InternetGateway gateway, string? keep, DriverContext context, CancellationToken cancellationToken)
    {
        foreach (var attachment in (gateway.Attachments ?? []).Where(a => a.VpcId != keep))
        {
            await DependencyRetry.RunAsync(
                $"{key} ({gateway.InternetGatewayId}) to detach from {attachment.VpcId}",
                ct => IgnoringNotFoundAsync(() => context.Aws.Ec2.DetachInternetGatewayAsync(
                    new DetachInternetGatewayRequest { InternetGatewayId = gateway.InternetGatewayId, VpcId = attachment.VpcId },
                    ct)),
                context,
                cancellationToken);
        }
    }

    private static string? AttachedVpcOf(InternetGateway item) =>
        item.Attachments?.FirstOrDefault(a => a.State != AttachmentStatus.Detached && a.State != AttachmentStatus.Detaching)?.VpcId;
}
