using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A VPC: the private network every other network resource lives in.</summary>
/// <remarks>
/// Replaced delete-then-create: a new VPC would be empty while the old one still holds the
/// subnets, gateways and groups, so nothing would move to it; its dependants are replaced with it.
/// </remarks>
[Kind("Vpc")]
public sealed record VpcSpec : IResourceSpec
{
    /// <summary>The VPC's IPv4 range, e.g. 10.0.0.0/16. Changing it replaces the VPC.</summary>
    [Cidr, Immutable]
    public required string CidrBlock { get; init; }

    /// <summary>Whether the Amazon DNS server resolves names in the VPC.</summary>
    public bool EnableDnsSupport { get; init; } = true;

    /// <summary>Whether instances with public IPs get public DNS names.</summary>
    public bool EnableDnsHostnames { get; init; } = true;

    /// <summary>AWS charges nothing for a VPC itself (NAT gateways and endpoints are kinds of their own).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
