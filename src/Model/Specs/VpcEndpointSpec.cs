using System.Text.RegularExpressions;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A VPC endpoint: private subnets reach an AWS service without a NAT gateway. A <c>Gateway</c>
/// endpoint (S3, DynamoDB) adds a route to the service's prefix list to the route tables it
/// names; an <c>Interface</c> endpoint puts a network interface in each of its subnets.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: a route table takes one gateway endpoint per service (its prefix
/// list route is exclusive), and a VPC one interface endpoint per service with private DNS, so a
/// new endpoint for the same service could not exist beside the old one.
/// <para>
/// No endpoint policy is managed: the endpoint keeps AWS's default full-access policy, and
/// access is limited by the IAM policies and bucket policies of the callers.
/// </para>
/// </remarks>
[Kind("VpcEndpoint")]
public sealed partial record VpcEndpointSpec : IResourceSpec
{
    /// <summary>The services a gateway endpoint exists for.</summary>
    private static readonly string[] GatewayServices = ["s3", "dynamodb"];

    /// <summary>The name of the Vpc document the endpoint belongs to.</summary>
    [Reference("Vpc"), Immutable]
    public required string Vpc { get; init; }

    /// <summary>
    /// The AWS service by its short name, e.g. <c>s3</c>, <c>dynamodb</c>, <c>logs</c>, <c>ecr.api</c>;
    /// the endpoint's service name is <c>com.amazonaws.{stack region}.{service}</c>. Any other
    /// service (a PrivateLink endpoint service) is written in full, e.g. <c>com.amazonaws.vpce.us-east-1.vpce-svc-0123</c>.
    /// </summary>
    [Immutable]
    public required string Service { get; init; }

    /// <summary><c>Gateway</c> (S3 and DynamoDB: routes in route tables, free) or <c>Interface</c> (network interfaces in subnets, charged by the hour).</summary>
    [AllowedValues("Gateway", "Interface"), Immutable]
    public string Type { get; init; } = "Gateway";

    /// <summary>Gateway endpoints: names of the RouteTable documents that get the route to the service. Compared as a set.</summary>
    [Reference("RouteTable")]
    public IReadOnlyList<string> RouteTables { get; init; } = [];

    /// <summary>Interface endpoints: names of the Subnet documents, one per zone, that get the endpoint's network interface. Compared as a set.</summary>
    [Reference("Subnet")]
    public IReadOnlyList<string> Subnets { get; init; } = [];

    /// <summary>Interface endpoints: names of the SecurityGroup documents guarding the network interfaces (at least one). Compared as a set.</summary>
    [Reference("SecurityGroup")]
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>
    /// Interface endpoints: whether the service's public DNS name resolves to the endpoint inside
    /// the VPC (needs the VPC's DNS support and hostnames). Unmanaged when absent: AWS turns it on
    /// for AWS services.
    /// </summary>
    public bool? PrivateDnsEnabled { get; init; }

    /// <summary>
    /// Each type takes only its own fields; gateway endpoints exist for S3 and DynamoDB only; AWS
    /// services are named short. Route tables and subnets must be the endpoint's VPC's, and an
    /// interface endpoint takes one subnet per zone (AWS refuses two in one zone).
    /// </summary>
    public void Validate(SpecRules rules)
    {
        CheckReferences(rules);

        var fullName = rules.HasValue("service") ? FullAwsServiceName().Match(Service) : null;
        if (fullName is { Success: true })
        {
            rules.Error("service", $"VpcEndpoint spec.service '{Service}' is a full AWS service name; write the short name '{fullName.Groups["service"].Value}' (the region is the stack's)");
        }

        if (rules.IsSet("type") && !rules.HasValue("type"))
        {
            return;
        }

        if (Type == "Gateway")
        {
            if (fullName is { Success: false } && !GatewayServices.Contains(Service))
            {
                rules.Error("service", $"VpcEndpoint spec.service '{Service}' has no gateway endpoint (only s3 and dynamodb do); set type: Interface with subnets");
            }

            foreach (var field in new[] { "subnets", "securityGroups", "privateDnsEnabled" })
            {
                if (rules.IsSet(field))
                {
                    rules.Error(field, $"VpcEndpoint spec.{field} applies to Interface endpoints only; remove it, or set type: Interface");
                }
            }
        }
        else
        {
            if (rules.IsSet("routeTables"))
            {
                rules.Error("routeTables", "VpcEndpoint spec.routeTables applies to Gateway endpoints only; an Interface endpoint is reached through its subnets, so remove it");
            }

            if (!rules.IsSet("subnets") || (rules.HasValue("subnets") && Subnets.Count == 0))
            {
                rules.Error("subnets", "VpcEndpoint spec.subnets is missing: an Interface endpoint needs at least one subnet (one per zone it serves)");
            }

            // Without groups AWS attaches the VPC's default group, which the document would not name.
            if (!rules.IsSet("securityGroups") || (rules.HasValue("securityGroups") && SecurityGroups.Count == 0))
            {
                rules.Error("securityGroups", "VpcEndpoint spec.securityGroups is missing: an Interface endpoint needs the security groups that may reach it (else AWS attaches the VPC's default group)");
            }
        }
    }

    private void CheckReferences(SpecRules rules)
    {
        if (!rules.HasValue("vpc"))
        {
            return;
        }

        for (var i = 0; i < RouteTables.Count; i++)
        {
            if (RouteTables[i] is { } name && rules.Find<RouteTableSpec>(name)?.Vpc is { } vpc && vpc != Vpc)
            {
                rules.Error($"routeTables[{i}]", $"RouteTable '{name}' of VpcEndpoint spec.routeTables[{i}] is in Vpc '{vpc}', not in the endpoint's Vpc '{Vpc}'; name a route table of '{Vpc}'");
            }
        }

        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Subnets.Count; i++)
        {
            if (Subnets[i] is not { } name || rules.Find<SubnetSpec>(name) is not { } subnet)
            {
                continue;
            }

            if (subnet.Vpc != Vpc)
            {
                rules.Error($"subnets[{i}]", $"Subnet '{name}' of VpcEndpoint spec.subnets[{i}] is in Vpc '{subnet.Vpc}', not in the endpoint's Vpc '{Vpc}'; name a subnet of '{Vpc}'");
            }
            else if (subnet.AvailabilityZone is { } zone && !zones.TryAdd(zone, name))
            {
                rules.Error($"subnets[{i}]", $"Subnet '{name}' of VpcEndpoint spec.subnets[{i}] is in {zone} like '{zones[zone]}'; an endpoint takes one subnet per zone, so remove one");
            }
        }
    }

    /// <summary>Gateway endpoints are free; interface endpoints cost an hourly rate per zone (subnet) and per GB processed (the usage assumption).</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        if (Type != "Interface")
        {
            return new MonthlyCost(0m, "gateway endpoints carry no charge");
        }

        var zones = Math.Max(1, Subnets.Count);
        var dataGb = prices.Assumption("VpcEndpoint", "dataGbPerMonth");
        var usd = (zones * prices.HoursPerMonth * prices.Price("vpc.interfaceEndpoint")) + (dataGb * prices.Price("vpc.interfaceEndpointData"));
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(zones)} zone(s) x {MonthlyCost.Figure(prices.HoursPerMonth)} hours, {MonthlyCost.Figure(dataGb)} GB processed a month");
    }

    /// <summary>com.amazonaws.{region}.{service}, e.g. com.amazonaws.us-east-1.s3.</summary>
    [GeneratedRegex(@"^com\.amazonaws\.[a-z]{2}(-[a-z]+)+-\d+\.(?<service>.+)$")]
    private static partial Regex FullAwsServiceName();
}
