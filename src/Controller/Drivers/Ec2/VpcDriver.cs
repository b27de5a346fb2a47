using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>Converges VPCs. DNS attributes need one DescribeVpcAttribute each: EC2 has no batch read of them.</summary>
internal sealed class VpcDriver : Ec2Driver<VpcSpec, Vpc>
{
    protected override string IdOutputName => "vpcId";

    protected override async Task<IReadOnlyList<Vpc>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<Vpc>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeVpcsAsync(
                new DescribeVpcsRequest { Filters = filters, VpcIds = ids, NextToken = token },
                cancellationToken);
            return (response.Vpcs, response.NextToken);
        });

    protected override string IdOf(Vpc item) => item.VpcId;

    protected override IEnumerable<Tag>? TagsOf(Vpc item) => item.Tags;

    protected override async Task<JsonObject> LiveOf(Vpc item, DriverContext context, CancellationToken cancellationToken)
    {
        var dnsSupport = await context.Aws.Ec2.DescribeVpcAttributeAsync(
            new DescribeVpcAttributeRequest { VpcId = item.VpcId, Attribute = VpcAttributeName.EnableDnsSupport }, cancellationToken);
        var dnsHostnames = await context.Aws.Ec2.DescribeVpcAttributeAsync(
            new DescribeVpcAttributeRequest { VpcId = item.VpcId, Attribute = VpcAttributeName.EnableDnsHostnames }, cancellationToken);
        return new JsonObject
        {
            ["cidrBlock"] = item.CidrBlock,
            ["enableDnsSupport"] = dnsSupport.EnableDnsSupport ?? false,
            ["enableDnsHostnames"] = dnsHostnames.EnableDnsHostnames ?? false,
        };
    }

    protected override IReadOnlyDictionary<string, string> OutputsOf(Vpc item) =>
        new Dictionary<string, string> { ["cidrBlock"] = item.CidrBlock };

    protected override async Task<ObservedResource> CreateAsync(ResourceKey key, VpcSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        // A VPC already carrying this document's tag (an earlier create whose record was lost) is adopted.
        var existing = await FindTaggedAsync(key, context, cancellationToken);
        var id = existing?.VpcId ?? (await context.Aws.Ec2.CreateVpcAsync(
            new CreateVpcRequest { CidrBlock = spec.CidrBlock, TagSpecifications = Ec2Tags.AtCreate(ResourceType.Vpc, tags) },
            cancellationToken)).Vpc.VpcId;
        await Waiter.UntilAsync(
            $"{key} ({id}) to become available",
            async ct => (await context.Aws.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [id] }, ct)).Vpcs?.FirstOrDefault()?.State == VpcState.Available,
            context.Time,
            context.WaitTimeout,
            cancellationToken);
        await SetDnsAsync(id, spec, context, cancellationToken);
        return await ObserveByIdAsync(key, id, context, cancellationToken);
    }

    protected override async Task<ObservedResource> UpdateAsync(ResourceKey key, VpcSpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken)
    {
        var id = observed.Identity["id"];
        await SetDnsAsync(id, spec, context, cancellationToken);
        await Ec2Tags.ConvergeAsync(context.Aws.Ec2, id, tags, observed.Tags, cancellationToken);
        return await ObserveByIdAsync(key, id, context, cancellationToken);
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = identity["id"] }, cancellationToken));

    // EC2 takes one attribute per ModifyVpcAttribute call; hostnames need support switched on first.
    private static async Task SetDnsAsync(string id, VpcSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        await context.Aws.Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = id, EnableDnsSupport = spec.EnableDnsSupport }, cancellationToken);
        await context.Aws.Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = id, EnableDnsHostnames = spec.EnableDnsHostnames }, cancellationToken);
    }
}
