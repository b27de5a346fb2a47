using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A subnet of a VPC in one availability zone.</summary>
/// <remarks>
/// Replaced delete-then-create: the document fixes its CIDR range, which the old subnet still
/// holds while it exists (AWS refuses an overlapping one), so the two cannot exist side by side.
/// </remarks>
[Kind("Subnet")]
public sealed record SubnetSpec : IResourceSpec
{
    /// <summary>The name of the Vpc document this subnet belongs to.</summary>
    [Reference("Vpc"), Immutable]
    public required string Vpc { get; init; }

    /// <summary>The subnet's IPv4 range; must lie inside the VPC's range.</summary>
    [Cidr, Immutable]
    public required string CidrBlock { get; init; }

    /// <summary>The availability zone, e.g. us-east-1a. AWS picks one when absent.</summary>
    [Immutable]
    public string? AvailabilityZone { get; init; }

    /// <summary>Whether instances launched here get a public IPv4 address (public subnets).</summary>
    public bool MapPublicIpOnLaunch { get; init; }

    /// <summary>AWS charges nothing for a subnet.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
