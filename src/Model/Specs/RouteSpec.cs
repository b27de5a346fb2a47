using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One route of a route table.</summary>
public sealed record RouteSpec
{
    /// <summary>The destination range, e.g. 0.0.0.0/0.</summary>
    [Cidr]
    public required string Destination { get; init; }

    /// <summary>The name of the InternetGateway document traffic goes to.</summary>
    [Reference("InternetGateway")]
    public required string InternetGateway { get; init; }
}
