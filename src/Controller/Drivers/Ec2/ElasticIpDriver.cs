using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges Elastic IP addresses. Reads: one tag-filtered DescribeAddresses for the whole stack
/// (the call has no pages). The allocation id is the identity; the address is an output.
/// </summary>
internal sealed class ElasticIpDriver : Ec2Driver<ElasticIpSpec, Address>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.AllocateAddress,
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DescribeAddresses,
        SdkOperations.Ec2.ReleaseAddress,
    ];

    /// <summary>AWS refuses to release an address a NAT gateway being deleted still holds.</summary>
    private static readonly string[] InUseCodes = ["InvalidIPAddress.InUse", "AuthFailure.AddressInUse"];

    protected override string IdOutputName => "allocationId";

    protected override async Task<IReadOnlyList<Address>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.Ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = filters, AllocationIds = ids }, cancellationToken)).Addresses ?? [];

    protected override string IdOf(Address item) => item.AllocationId;

    protected override IEnumerable<Tag>? TagsOf(Address item) => item.Tags;

    protected override Task<ElasticIpSpec> LiveOf(Address item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ElasticIpSpec { Domain = item.Domain?.Value ?? "vpc" });

    protected override IReadOnlyDictionary<string, string> OutputsOf(Address item) => new Dictionary<string, string> { ["publicIp"] = item.PublicIp };

    protected override async Task<string> CreateNewAsync(ResourceKey key, ElasticIpSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.Ec2.AllocateAddressAsync(
            new AllocateAddressRequest { Domain = DomainType.FindValue(spec.Domain), TagSpecifications = Ec2Tags.AtCreate(ResourceType.ElasticIp, tags) },
            cancellationToken)).AllocationId;

    // Every field is immutable: a change replaces the address, so there is nothing to change in place.
    protected override Task ApplyAsync(SpecChange<ElasticIpSpec> change, DriverContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        DependencyRetry.RunAsync(
            $"{key} ({identity["id"]}) to be let go by the resource using it",
            ct => IgnoringNotFoundAsync(() => context.Aws.Ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = identity["id"] }, ct)),
            InUseCodes,
            context,
            cancellationToken);
}
