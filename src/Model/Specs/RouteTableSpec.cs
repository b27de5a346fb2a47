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

    /// <summary>AWS charges nothing for a route table.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
