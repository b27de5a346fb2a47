using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A NAT gateway in one subnet: the way out to the internet for private subnets whose route
/// table sends 0.0.0.0/0 to it. A public one sits in a public subnet with an Elastic IP.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: a public gateway holds its Elastic IP, and AWS associates an
/// address with one NAT gateway at a time, so a new gateway with the same address cannot exist
/// beside the old one. Private subnets have no way out between the delete and the create; the
/// route tables that point at the gateway are pointed at the new one by their next update.
/// </remarks>
[Kind("NatGateway")]
public sealed record NatGatewaySpec : IResourceSpec
{
    /// <summary>The name of the Subnet document the gateway lives in (a public subnet, for a public gateway).</summary>
    [Reference("Subnet"), Immutable]
    public required string Subnet { get; init; }

    /// <summary><c>public</c> (to the internet, through an Elastic IP) or <c>private</c> (to other VPCs and on-premises networks only).</summary>
    [AllowedValues("public", "private"), Immutable]
    public string ConnectivityType { get; init; } = "public";

    /// <summary>The name of the ElasticIp document whose address the gateway uses. Required for a public gateway; a private one has none.</summary>
    [Reference("ElasticIp"), Immutable]
    public string? ElasticIp { get; init; }

    /// <summary>
    /// A public gateway needs its Elastic IP; a private one cannot take one. A public gateway in
    /// a subnet no route table sends to an internet gateway is warned about: its traffic would
    /// have no way to the internet.
    /// </summary>
    public void Validate(SpecRules rules)
    {
        // A connectivityType that is not allowed was reported already; nothing to check it against.
        if (rules.IsSet("connectivityType") && !rules.HasValue("connectivityType"))
        {
            return;
        }

        if (ConnectivityType == "public" && !rules.IsSet("elasticIp"))
        {
            rules.Error("elasticIp", "NatGateway spec.elasticIp is missing: a public gateway needs an address, so name an ElasticIp document there, or set connectivityType: private");
        }
        else if (ConnectivityType == "private" && rules.IsSet("elasticIp"))
        {
            rules.Error("elasticIp", "NatGateway spec.elasticIp is set on a private gateway, which has no public address: remove it, or set connectivityType: public");
        }

        if (ConnectivityType == "public" && rules.HasValue("subnet") && rules.Find<SubnetSpec>(Subnet) is not null && !IsPublic(Subnet, rules))
        {
            rules.Warn("subnet", $"NatGateway spec.subnet '{Subnet}' has no route table with a 0.0.0.0/0 route to an InternetGateway, so the gateway's traffic cannot reach the internet; put it in a public subnet");
        }
    }

    private static bool IsPublic(string subnet, SpecRules rules) =>
        rules.All<RouteTableSpec>().Any(t =>
            t.Spec.Subnets.Contains(subnet) && t.Spec.Routes.Any(r => r is { Destination: "0.0.0.0/0", InternetGateway: not null }));

    /// <summary>The gateway's hours and the data it processes (the usage assumption); its Elastic IP is priced on the ElasticIp.</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var dataGb = prices.Assumption("NatGateway", "dataGbPerMonth");
        var usd = (prices.HoursPerMonth * prices.Price("vpc.natGateway")) + (dataGb * prices.Price("vpc.natGatewayData"));
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(prices.HoursPerMonth)} gateway hours, {MonthlyCost.Figure(dataGb)} GB processed a month");
    }
}
