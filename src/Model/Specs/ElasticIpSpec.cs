using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An Elastic IP address: a public IPv4 address the account keeps, e.g. for a NAT gateway.</summary>
/// <remarks>
/// Replaced create-before-destroy: AWS picks the address and its allocation id, and nothing the
/// document fixes is exclusive, so a new address can be allocated beside the old one. The old one
/// is released only after the resources using it (a NatGateway) have moved, which the retried
/// delete of a retiring resource waits for.
/// </remarks>
[Kind("ElasticIp", CreateBeforeDestroy = true)]
public sealed record ElasticIpSpec : IResourceSpec
{
    /// <summary>
    /// Where the address can be used. Only <c>vpc</c>: EC2-Classic, the other domain, is retired.
    /// Declared so the live address is checked to be a VPC address.
    /// </summary>
    [AllowedValues("vpc"), Immutable]
    public string Domain { get; init; } = "vpc";

    /// <summary>Every public IPv4 address is charged by the hour, whether in use or idle.</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var usd = prices.HoursPerMonth * prices.Price("vpc.publicIpv4");
        return new MonthlyCost(usd, $"1 public IPv4 address for {MonthlyCost.Figure(prices.HoursPerMonth)} hours");
    }
}
