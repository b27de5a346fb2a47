using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An RDS DB subnet group: the private subnets, in at least two zones, a database may live in.</summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed by the document (<c>{stack}-{name}</c>) and
/// unique in the region, so the new group cannot exist beside the old one.
/// </remarks>
[Kind("DbSubnetGroup")]
public sealed record DbSubnetGroupSpec : IResourceSpec
{
    /// <summary>The group's name. Defaults to <c>{stack}-{document name}</c>; RDS keeps it lower case.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? DbSubnetGroupName { get; init; }

    /// <summary>What the group is for.</summary>
    public required string Description { get; init; }

    /// <summary>
    /// The names of the Subnet documents the group spans: private subnets only (no public IP on
    /// launch, no route to an internet gateway), in at least two availability zones.
    /// </summary>
    [Reference("Subnet")]
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>A database is reachable from the internet only through a public subnet: the group takes private ones, across zones.</summary>
    public void Validate(SpecRules rules)
    {
        if (!rules.HasValue("subnets"))
        {
            return;
        }

        var zones = new HashSet<string>(StringComparer.Ordinal);
        var zonesKnown = true;
        for (var i = 0; i < Subnets.Count; i++)
        {
            if (Subnets[i] is not { } name || rules.Find<SubnetSpec>(name) is not { } subnet)
            {
                zonesKnown = false;
                continue;
            }

            var path = $"subnets[{i}]";
            if (subnet.MapPublicIpOnLaunch)
            {
                rules.Error(path, $"subnet '{name}' in DbSubnetGroup spec.{path} is public (mapPublicIpOnLaunch: true); a database belongs in private subnets only, so list a private subnet instead");
            }

            foreach (var (tableName, table) in rules.All<RouteTableSpec>())
            {
                if (table.Subnets?.Contains(name) == true && table.Routes?.FirstOrDefault(r => r?.Destination == "0.0.0.0/0" && r.InternetGateway is not null) is { } route)
                {
                    rules.Error(path, $"subnet '{name}' in DbSubnetGroup spec.{path} is public: RouteTable '{tableName}' routes 0.0.0.0/0 to InternetGateway '{route.InternetGateway}'; a database belongs in private subnets only, so list a private subnet instead");
                }
            }

            if (subnet.AvailabilityZone is { } zone)
            {
                zones.Add(zone);
            }
            else
            {
                zonesKnown = false;
            }
        }

        if (zonesKnown && zones.Count < 2)
        {
            rules.Error("subnets", $"DbSubnetGroup spec.subnets spans {(zones.Count == 0 ? "no" : "one")} availability zone{(zones.Count == 1 ? $" ({zones.Single()})" : "")}; RDS needs subnets in at least two zones, so add a private subnet of another zone");
        }
    }

    /// <summary>AWS charges nothing for a DB subnet group.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
