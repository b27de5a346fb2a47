using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>Converges VPCs. DNS attributes need one DescribeVpcAttribute each: EC2 has no batch read of them.</summary>
internal sealed class VpcDriver : Ec2Driver<VpcSpec, Vpc>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.CreateVpc,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DeleteVpc,
        SdkOperations.Ec2.DescribeVpcAttribute,
        SdkOperations.Ec2.DescribeVpcs,
        SdkOperations.Ec2.ModifyVpcAttribute,
    ];

    protected override string IdOutputName => "vpcId";

    protected override async Task<IReadOnlyList<Vpc>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<Vpc>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = filters, VpcIds = ids, NextToken = token }, cancellationToken);
            return (response.Vpcs, response.NextToken);
        });

    protected override string IdOf(Vpc item) => item.VpcId;

    protected override IEnumerable<Tag>? TagsOf(Vpc item) => item.Tags;

    protected override async Task<VpcSpec> LiveOf(Vpc item, DriverContext context, CancellationToken cancellationToken)
    {
        // One attribute per call; the two are independent, so they go together.
        var dnsSupportRead = context.Aws.Ec2.DescribeVpcAttributeAsync(
            new DescribeVpcAttributeRequest { VpcId = item.VpcId, Attribute = VpcAttributeName.EnableDnsSupport }, cancellationToken);
        var dnsHostnamesRead = context.Aws.Ec2.DescribeVpcAttributeAsync(
            new DescribeVpcAttributeRequest { VpcId = item.VpcId, Attribute = VpcAttributeName.EnableDnsHostnames }, cancellationToken);
        await Task.WhenAll(dnsSupportRead, dnsHostnamesRead);
        var (dnsSupport, dnsHostnames) = (await dnsSupportRead, await dnsHostnamesRead);
        return new VpcSpec
        {
            CidrBlock = item.CidrBlock,
            EnableDnsSupport = dnsSupport.EnableDnsSupport ?? false,
            EnableDnsHostnames = dnsHostnames.EnableDnsHostnames ?? false,
        };
    }

    protected override IReadOnlyDictionary<string, string> OutputsOf(Vpc item) => new Dictionary<string, string> { ["cidrBlock"] = item.CidrBlock };

    protected override async Task<string> CreateNewAsync(ResourceKey key, VpcSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var id = (await context.Aws.Ec2.CreateVpcAsync(
            new CreateVpcRequest { CidrBlock = spec.CidrBlock, TagSpecifications = Ec2Tags.AtCreate(ResourceType.Vpc, tags) },
            cancellationToken)).Vpc.VpcId;
        await Waiter.UntilAsync(
            $"{key} ({id}) to become available",
            async ct => (await DescribeByIdsAsync([id], context, ct)).FirstOrDefault()?.State == VpcState.Available,
            context,
            cancellationToken);
        return id;
    }

    // EC2 takes one attribute per ModifyVpcAttribute call; hostnames need support switched on first.
    protected override async Task ApplyAsync(SpecChange<VpcSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        if (change.Changed("enableDnsSupport"))
        {
            await context.Aws.Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = change.Id, EnableDnsSupport = change.Desired.EnableDnsSupport }, cancellationToken);
        }

        if (change.Changed("enableDnsHostnames"))
        {
            await context.Aws.Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = change.Id, EnableDnsHostnames = change.Desired.EnableDnsHostnames }, cancellationToken);
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = identity["id"] }, cancellationToken));
}
