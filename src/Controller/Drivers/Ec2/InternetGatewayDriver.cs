using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges internet gateways and their VPC attachment. Reads: one tag-filtered
/// DescribeInternetGateways for the whole stack, attachments included, so no per-resource reads.
/// A gateway attached to no VPC is reported with <c>vpc: null</c>.
/// </summary>
internal sealed class InternetGatewayDriver : Ec2Driver<InternetGatewaySpec, InternetGateway>
{
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

    protected override Task<JsonObject> LiveOf(InternetGateway item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new JsonObject
        {
            ["vpc"] = AttachedVpcOf(item) is { } vpcId ? context.Identities.NameOf("Vpc", vpcId) : null,
        });

    protected override IReadOnlyDictionary<string, string> OutputsOf(InternetGateway item) =>
        AttachedVpcOf(item) is { } vpcId ? new Dictionary<string, string> { ["vpcId"] = vpcId } : new Dictionary<string, string>();

    protected override async Task<ObservedResource> CreateAsync(ResourceKey key, InternetGatewaySpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        // Resolved first, so a missing VPC fails before anything is created.
        var vpcId = context.Identities.IdOf("Vpc", spec.Vpc);
        var existing = await FindTaggedAsync(key, context, cancellationToken);
        var gateway = existing ?? (await context.Aws.Ec2.CreateInternetGatewayAsync(
            new CreateInternetGatewayRequest { TagSpecifications = Ec2Tags.AtCreate(ResourceType.InternetGateway, tags) },
            cancellationToken)).InternetGateway;
        if (existing is not null)
        {
            await Ec2Tags.ConvergeAsync(context.Aws.Ec2, gateway.InternetGatewayId, tags, Ec2Tags.FromSdk(existing.Tags), cancellationToken);
        }

        await AttachAsync(key, gateway, vpcId, context, cancellationToken);
        return await ObserveByIdAsync(key, gateway.InternetGatewayId, context, cancellationToken);
    }

    protected override async Task<ObservedResource> UpdateAsync(ResourceKey key, InternetGatewaySpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken)
    {
        var id = observed.Identity["id"];
        if (fields.Any(f => f.Path == "vpc"))
        {
            var gateway = (await DescribeAsync(null, [id], context, cancellationToken)).Single();
            await AttachAsync(key, gateway, context.Identities.IdOf("Vpc", spec.Vpc), context, cancellationToken);
        }

        await Ec2Tags.ConvergeAsync(context.Aws.Ec2, id, tags, observed.Tags, cancellationToken);
        return await ObserveByIdAsync(key, id, context, cancellationToken);
    }

    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity["id"];
        var gateway = (await DescribeByIdsAsync([id], context, cancellationToken)).FirstOrDefault();
        if (gateway is null)
        {
            return;
        }

        await DetachAllAsync(key, gateway, keep: null, context, cancellationToken);
        await IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = id }, cancellationToken));
    }

    // A gateway is attached to at most one VPC: moving it means detaching from the old one first.
    private static async Task AttachAsync(ResourceKey key, InternetGateway gateway, string vpcId, DriverContext context, CancellationToken cancellationToken)
    {
        await DetachAllAsync(key, gateway, keep: vpcId, context, cancellationToken);
        if (AttachedVpcOf(gateway) != vpcId)
        {
            await context.Aws.Ec2.AttachInternetGatewayAsync(
                new AttachInternetGatewayRequest { InternetGatewayId = gateway.InternetGatewayId, VpcId = vpcId },
                cancellationToken);
        }
    }

    // Detaching fails with DependencyViolation while instances in the VPC still hold public addresses.
    private static async Task DetachAllAsync(ResourceKey key, InternetGateway gateway, string? keep, DriverContext context, CancellationToken cancellationToken)
    {
        foreach (var attachment in gateway.Attachments ?? [])
        {
            if (attachment.VpcId == keep)
            {
                continue;
            }

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
