using System.Text.RegularExpressions;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An ALB target group: where a listener's forward action sends requests, and how their targets are health-checked.</summary>
/// <remarks>
/// Replaced create-before-destroy. ELB names are unique per account and region and at most 32
/// characters, so the document fixes no name: each target group gets a generated one (the stack
/// and document names, cut to fit, and a random suffix; published as the <c>targetGroupName</c>
/// output) and is found again by its tags. Nothing else it declares is exclusive (any number of
/// target groups may share a VPC and port), so a replacement is created beside the old one,
/// the listeners that forward to it move over, and only then is the old one deleted: swapping a
/// target group (a new port or protocol) never leaves a listener forwarding to nothing.
/// </remarks>
[Kind("TargetGroup", CreateBeforeDestroy = true)]
public sealed partial record TargetGroupSpec : IResourceSpec
{
    /// <summary>The Vpc document the targets live in. Changing it replaces the target group.</summary>
    [Reference("Vpc"), Immutable]
    public required string Vpc { get; init; }

    /// <summary>The port targets receive traffic on (instances may override it per registration). Changing it replaces the target group.</summary>
    [Range(1, 65535), Immutable]
    public required int Port { get; init; }

    /// <summary>The protocol from the load balancer to the targets. Changing it replaces the target group.</summary>
    [AllowedValues("HTTP", "HTTPS"), Immutable]
    public string Protocol { get; init; } = "HTTP";

    /// <summary>What is registered: EC2 instances (an Auto Scaling group registers them) or IP addresses. Changing it replaces the target group.</summary>
    [AllowedValues("instance", "ip"), Immutable]
    public string TargetType { get; init; } = "instance";

    /// <summary>The health check of every target.</summary>
    public HealthCheckSpec HealthCheck { get; init; } = new();

    /// <summary>Seconds a deregistering target keeps its in-flight requests before it is removed (target group attribute deregistration_delay.timeout_seconds).</summary>
    [Range(0, 3600)]
    public int DeregistrationDelaySeconds { get; init; } = 300;

    /// <summary>The health check's timeout below its interval, a path, and a matcher ELB accepts.</summary>
    public void Validate(SpecRules rules)
    {
        var check = HealthCheck;
        if (check is null)
        {
            return;
        }

        if (rules.HasValue("healthCheck.timeoutSeconds") || rules.HasValue("healthCheck.intervalSeconds"))
        {
            if (check.TimeoutSeconds >= check.IntervalSeconds)
            {
                rules.Error("healthCheck.timeoutSeconds", $"healthCheck.timeoutSeconds {check.TimeoutSeconds} in TargetGroup spec must be less than healthCheck.intervalSeconds {check.IntervalSeconds}; lower the timeout or raise the interval");
            }
        }

        if (check.Path is not { Length: > 0 } path || path[0] != '/' || path.Length > 1024)
        {
            rules.Error("healthCheck.path", $"healthCheck.path '{check.Path}' in TargetGroup spec must start with '/' and have at most 1024 characters, e.g. /health/ready");
        }

        if (!MatcherPattern().IsMatch(check.Matcher ?? ""))
        {
            rules.Error("healthCheck.matcher", $"healthCheck.matcher '{check.Matcher}' in TargetGroup spec is not an HTTP code list ELB accepts; write one code (200), a range (200-299) or a list (200,204)");
        }
    }

    /// <summary>AWS charges nothing for a target group (the load balancer's hours and LCUs carry the cost).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;

    [GeneratedRegex("^[1-5][0-9]{2}(-[1-5][0-9]{2})?(,[1-5][0-9]{2}(-[1-5][0-9]{2})?)*$")]
    private static partial Regex MatcherPattern();
}
