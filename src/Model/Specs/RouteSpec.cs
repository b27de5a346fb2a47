using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One route of a route table: a destination and exactly one target.</summary>
public sealed record RouteSpec
{
    /// <summary>The destination range, e.g. 0.0.0.0/0.</summary>
    [Cidr]
    public required string Destination { get; init; }

    /// <summary>Target: the name of the InternetGateway document traffic goes to (public subnets).</summary>
    [Reference("InternetGateway")]
    public string? InternetGateway { get; init; }

    /// <summary>Target: the name of the NatGateway document traffic goes to (private subnets).</summary>
    [Reference("NatGateway")]
    public string? NatGateway { get; init; }
}
