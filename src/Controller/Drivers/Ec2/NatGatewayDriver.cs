using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges NAT gateways. Reads: one tag-filtered DescribeNatGateways for the whole stack, its
/// addresses included, so no per-resource reads. Every field is immutable: a gateway is created,
/// replaced or deleted, never changed in place (tags aside).
/// <para>
/// AWS lists a deleted gateway for about an hour (state <c>deleted</c>), and a failed one too:
/// neither is live, so both read as missing. A create waits for <c>available</c> and a delete for
/// <c>deleted</c>: until then the gateway still holds its Elastic IP and its network interface,
/// which the delete of the address and of the subnet would be refused for.
/// </para>
/// </summary>
internal sealed class NatGatewayDriver : Ec2Driver<NatGatewaySpec, NatGateway>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.CreateNatGateway,
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.DeleteNatGateway,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DescribeNatGateways,
    ];

    protected override string IdOutputName => "natGatewayId";

    protected override async Task<IReadOnlyList<NatGateway>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        Ec2Tags.Matching(await DescribeAnyStateAsync(filters, ids, context, cancellationToken), filters, g => g.Tags)
            .Where(g => g.State != NatGatewayState.Deleted && g.State != NatGatewayState.Failed)
            .ToList();

    protected override string IdOf(NatGateway item) => item.NatGatewayId;

    protected override IEnumerable<Tag>? TagsOf(NatGateway item) => item.Tags;

    protected override Task<NatGatewaySpec> LiveOf(NatGateway item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new NatGatewaySpec
        {
            Subnet = context.Identities.NameOf("Subnet", item.SubnetId),
            ConnectivityType = item.ConnectivityType?.Value ?? "public",
            ElasticIp = AllocationOf(item) is { } allocationId ? context.Identities.NameOf("ElasticIp", allocationId) : null,
        });

    protected override IReadOnlyDictionary<string, string> OutputsOf(NatGateway item)
    {
        var outputs = new Dictionary<string, string> { ["subnetId"] = item.SubnetId, ["vpcId"] = item.VpcId };
        var address = item.NatGatewayAddresses?.FirstOrDefault();
        if (address?.PublicIp is { Length: > 0 } publicIp)
        {
            outputs["publicIp"] = publicIp;
        }

        if (address?.PrivateIp is { Length: > 0 } privateIp)
        {
            outputs["privateIp"] = privateIp;
        }

        return outputs;
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, NatGatewaySpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var id = (await context.Aws.Ec2.CreateNatGatewayAsync(
            new CreateNatGatewayRequest
            {
                SubnetId = context.Identities.IdOf("Subnet", spec.Subnet),
                AllocationId = spec.ElasticIp is { } elasticIp ? context.Identities.IdOf("ElasticIp", elasticIp) : null,
                ConnectivityType = ConnectivityType.FindValue(spec.ConnectivityType),
                TagSpecifications = Ec2Tags.AtCreate(ResourceType.Natgateway, tags),
            },
            cancellationToken)).NatGateway.NatGatewayId;

        // A gateway that failed (no capacity, an address already in use) never becomes available: say why.
        await Waiter.UntilAsync(
            $"{key} ({id}) to become available",
            async ct =>
            {
                var gateway = await DescribeAnyStateAsync(id, context, ct);
                return gateway?.State == NatGatewayState.Failed
                    ? throw new InvalidOperationException($"{key} ({id}) failed to start: {gateway.FailureCode}: {gateway.FailureMessage}")
                    : gateway?.State == NatGatewayState.Available;
            },
            context,
            cancellationToken);
        return id;
    }

    // Every field is immutable: a change replaces the gateway, so there is nothing to change in place.
    protected override Task ApplyAsync(SpecChange<NatGatewaySpec> change, DriverContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deletes the gateway and waits until AWS says deleted, so its address and network interface are free.</summary>
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity["id"];

        // Deleting an unknown id is an error in AWS (and a server error in moto): look first.
        if ((await DescribeByIdsAsync([id], context, cancellationToken)).Count == 0)
        {
            return;
        }

        await IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteNatGatewayAsync(new DeleteNatGatewayRequest { NatGatewayId = id }, cancellationToken));
        await Waiter.UntilAsync(
            $"{key} ({id}) to be deleted",
            async ct => await DescribeAnyStateAsync(id, context, ct) is not { } gateway || gateway.State == NatGatewayState.Deleted,
            context,
            cancellationToken);
    }

    // DescribeNatGateways names an unknown id NatGatewayNotFound, without the .NotFound suffix of other EC2 reads.
    protected override bool IsNotFound(Exception error) =>
        base.IsNotFound(error) || error is AmazonEC2Exception { ErrorCode: "NatGatewayNotFound" };

    /// <summary>One gateway in whatever state it is, or null when AWS no longer knows it.</summary>
    private async Task<NatGateway?> DescribeAnyStateAsync(string id, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await DescribeAnyStateAsync(null, [id], context, cancellationToken)).FirstOrDefault();
        }
        catch (AmazonEC2Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<NatGateway>> DescribeAnyStateAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<NatGateway>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeNatGatewaysAsync(
                new DescribeNatGatewaysRequest { Filter = filters, NatGatewayIds = ids, NextToken = token },
                cancellationToken);
            return (response.NatGateways, response.NextToken);
        });

    private static string? AllocationOf(NatGateway item) =>
        item.NatGatewayAddresses?.Select(a => a.AllocationId).FirstOrDefault(a => !string.IsNullOrEmpty(a));
}
