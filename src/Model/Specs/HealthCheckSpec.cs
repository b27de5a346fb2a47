using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>How a target group's load balancer decides a target is healthy: HTTP requests to a path.</summary>
public sealed record HealthCheckSpec
{
    /// <summary>The path requested on each target, e.g. /health/ready.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Seconds between checks of one target.</summary>
    [Range(5, 300)]
    public int IntervalSeconds { get; init; } = 30;

    /// <summary>Seconds without an answer that count as a failed check; less than intervalSeconds.</summary>
    [Range(2, 120)]
    public int TimeoutSeconds { get; init; } = 5;

    /// <summary>Consecutive successes before an unhealthy target is healthy again.</summary>
    [Range(2, 10)]
    public int HealthyThreshold { get; init; } = 5;

    /// <summary>Consecutive failures before a target is unhealthy.</summary>
    [Range(2, 10)]
    public int UnhealthyThreshold { get; init; } = 2;

    /// <summary>The HTTP codes of a healthy answer: <c>200</c>, <c>200-299</c> or <c>200,204</c>.</summary>
    public string Matcher { get; init; } = "200";
}
