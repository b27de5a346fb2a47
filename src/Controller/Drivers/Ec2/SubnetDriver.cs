using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges subnets. Reads: one tag-filtered DescribeSubnets for the whole stack; every managed
/// field (including mapPublicIpOnLaunch) is in that answer, so no per-resource reads.
/// </summary>
internal sealed class SubnetDriver : Ec2Driver<SubnetSpec, Subnet>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.CreateSubnet,
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.DeleteSubnet,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DescribeSubnets,
        SdkOperations.Ec2.ModifySubnetAttribute,
    ];

    protected override string IdOutputName => "subnetId";

    protected override async Task<IReadOnlyList<Subnet>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<Subnet>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = filters, SubnetIds = ids, NextToken = token }, cancellationToken);
            return (response.Subnets, response.NextToken);
        });

    protected override string IdOf(Subnet item) => item.SubnetId;

    protected override IEnumerable<Tag>? TagsOf(Subnet item) => item.Tags;

    protected override Task<SubnetSpec> LiveOf(Subnet item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new SubnetSpec
        {
            Vpc = context.Identities.NameOf("Vpc", item.VpcId),
            CidrBlock = item.CidrBlock,
            AvailabilityZone = item.AvailabilityZone,
            MapPublicIpOnLaunch = item.MapPublicIpOnLaunch ?? false,
        });

    protected override IReadOnlyDictionary<string, string> OutputsOf(Subnet item) =>
        new Dictionary<string, string> { ["availabilityZone"] = item.AvailabilityZone, ["cidrBlock"] = item.CidrBlock, ["vpcId"] = item.VpcId };

    // mapPublicIpOnLaunch has no CreateSubnet parameter: it is applied once the subnet is available.
    protected override async Task<string> CreateNewAsync(ResourceKey key, SubnetSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var id = (await context.Aws.Ec2.CreateSubnetAsync(
            new CreateSubnetRequest
            {
                VpcId = context.Identities.IdOf("Vpc", spec.Vpc),
                CidrBlock = spec.CidrBlock,
                AvailabilityZone = spec.AvailabilityZone,
                TagSpecifications = Ec2Tags.AtCreate(ResourceType.Subnet, tags),
            },
            cancellationToken)).Subnet.SubnetId;
        await Waiter.UntilAsync(
            $"{key} ({id}) to become available",
            async ct => (await DescribeByIdsAsync([id], context, ct)).FirstOrDefault()?.State == SubnetState.Available,
            context,
            cancellationToken);
        return id;
    }

    protected override Task ApplyAsync(SpecChange<SubnetSpec> change, DriverContext context, CancellationToken cancellationToken) =>
        context.Aws.Ec2.ModifySubnetAttributeAsync(
            new ModifySubnetAttributeRequest { SubnetId = change.Id, MapPublicIpOnLaunch = change.Desired.MapPublicIpOnLaunch },
            cancellationToken);

    // Network interfaces of terminated instances and Lambda functions linger for minutes.
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        DependencyRetry.RunAsync(
            $"{key} ({identity["id"]}) to lose its network interfaces",
            ct => IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = identity["id"] }, ct)),
            context,
            cancellationToken);
}
