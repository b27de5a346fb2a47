namespace Reconciler.Controller.Aws;

/// <summary>One service's request budget at a moment, for metrics and status output.</summary>
/// <param name="Service">The SigV4 signing name, e.g. "ec2".</param>
/// <param name="ConfiguredRate">The configured steady rate, in requests per second.</param>
/// <param name="CurrentRate">The adaptive rate now: below the configured one after throttling.</param>
/// <param name="Burst">The configured burst (the capacity at the configured rate).</param>
/// <param name="Throttled">Throttling answers received so far.</param>
/// <param name="Delayed">Requests that had to wait for a token so far.</param>
public sealed record AwsServiceBudgetSnapshot(
    string Service,
    double ConfiguredRate,
    double CurrentRate,
    int Burst,
    long Throttled,
    long Delayed);
