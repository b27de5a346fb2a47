using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An internet gateway attached to one VPC: the way out for public subnets.</summary>
/// <remarks>
/// Replaced delete-then-create (it has no immutable field today): a VPC takes one internet
/// gateway, so a new one could not attach while the old one is attached.
/// </remarks>
[Kind("InternetGateway")]
public sealed record InternetGatewaySpec : IResourceSpec
{
    /// <summary>The name of the Vpc document the gateway is attached to.</summary>
    /// <remarks>Documents must set it (required); null only in live state, for a gateway attached to no VPC.</remarks>
    [Reference("Vpc")]
    public required string? Vpc { get; init; }

    /// <summary>AWS charges nothing for an internet gateway (data transfer is outside the estimate).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
