using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// API Gateway's token bucket: a steady rate of requests per second and the burst it lets through
/// at once. A stage's applies to all its methods (method settings <c>*/*</c>); a usage plan's to each of its keys.
/// </summary>
public sealed record ThrottleSpec
{
    /// <summary>Steady-state requests per second.</summary>
    [Range(1, 10000)]
    public required int RateLimit { get; init; }

    /// <summary>Requests let through at once before the rate applies; at least the rate.</summary>
    [Range(1, 5000)]
    public required int BurstLimit { get; init; }
}
