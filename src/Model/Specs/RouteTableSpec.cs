using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A route table of a VPC, its routes and the subnets associated with it.</summary>
/// <remarks>
/// Replaced create-before-destroy: its id is AWS's and nothing in the document is exclusive,
/// so the new table (in the new VPC) exists before the old one goes; subnet associations move
/// with <c>ReplaceRouteTableAssociation</c> semantics when the new table associates them.
/// </remarks>
[Kind("RouteTable", CreateBeforeDestroy = true)]
public sealed record RouteTableSpec : IResourceSpec
{
    /// <summary>The name of the Vpc document the table belongs to.</summary>
    [Reference("Vpc"), Immutable]
    public required string Vpc { get; init; }

    /// <summary>Routes besides the VPC's implicit local route. Compared as a set.</summary>
    public IReadOnlyList<RouteSpec> Routes { get; init; } = [];

    /// <summary>Names of the Subnet documents associated with this table. Compared as a set.</summary>
    [Reference("Subnet")]
    public IReadOnlyList<string> Subnets { get; init; } = [];

    /// <summary>
    /// Each route names exactly one target, and each destination has one route. A NAT gateway
    /// target must sit in this table's VPC (AWS refuses a route to another VPC's gateway).
    /// </summary>
    public void Validate(SpecRules rules)
    {
        var destinations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Routes.Count; i++)
        {
            // A route that failed to bind is a null placeholder, so indexes match the document.
            if (Routes[i] is not { } route)
            {
                continue;
            }

            var path = $"routes[{i}]";
            var targets = new[] { "internetGateway", "natGateway" }.Where(t => rules.IsSet($"{path}.{t}")).ToList();
            if (targets.Count != 1)
            {
                var found = targets.Count == 0 ? "no target" : $"{targets.Count} targets ({string.Join(", ", targets)})";
                rules.Error(path, $"route RouteTable spec.{path} has {found}; a route sends its destination to exactly one of internetGateway or natGateway");
            }

            if (route.NatGateway is { } nat && rules.HasValue("vpc") && VpcOfNatGateway(nat, rules) is { } natVpc && natVpc != Vpc)
            {
                rules.Error($"{path}.natGateway", $"NatGateway '{nat}' of RouteTable spec.{path} is in Vpc '{natVpc}', not in this table's Vpc '{Vpc}'; route to a NAT gateway in a subnet of '{Vpc}'");
            }

            if (rules.HasValue($"{path}.destination") && !destinations.Add(route.Destination))
            {
                rules.Error($"{path}.destination", $"destination {route.Destination} of RouteTable spec.{path} has another route above; a table holds one route per destination, so remove one");
            }
        }
    }

    /// <summary>The Vpc document of a NAT gateway's subnet, when both documents bind.</summary>
    private static string? VpcOfNatGateway(string natGateway, SpecRules rules) =>
        rules.Find<NatGatewaySpec>(natGateway)?.Subnet is { } subnet ? rules.Find<SubnetSpec>(subnet)?.Vpc : null;

    /// <summary>AWS charges nothing for a route table.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
