using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>An internet gateway attached to one VPC: the way out for public subnets.</summary>
[Kind("InternetGateway")]
public sealed record InternetGatewaySpec : IResourceSpec
{
    /// <summary>The name of the Vpc document the gateway is attached to.</summary>
    [Reference("Vpc")]
    public required string Vpc { get; init; }
}
