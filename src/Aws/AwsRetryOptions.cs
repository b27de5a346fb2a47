namespace Reconciler.Aws;

/// <summary>
/// How AWS calls are retried and timed out, by the one resilience pipeline every client uses
/// (<see cref="AwsResiliencePipeline"/>), official SDK clients and the project's own alike.
/// Server errors, timeouts and network errors get five attempts (the SDKs' "standard" mode
/// allows three; with a lost answer every seventh write, three fail a long apply now and then). Throttling is retried far longer (25 attempts, as the Terraform AWS
/// provider allows), since a throttled call was refused before AWS acted and only needs time.
/// Every wait is exponential backoff with full jitter from a one second base, capped at twenty
/// seconds.
/// </summary>
public sealed record AwsRetryOptions
{
    /// <summary>Attempts per call on server errors, timeouts and network errors, the first included. Default 5; between 1 and 20.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// Attempts per call while AWS answers with throttling, the first included. Default 25;
    /// between 1 and 100. Throttling answers do not count against <see cref="MaxAttempts"/>.
    /// </summary>
    public int ThrottlingMaxAttempts { get; init; } = 25;

    /// <summary>Base of the exponential backoff: attempt n waits up to BaseDelay × 2^(n-1). Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on one backoff wait. Default 20 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time one attempt may take before it is abandoned and retried. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxAttempts is < 1 or > 20)
        {
            errors.Add($"Retry MaxAttempts is {MaxAttempts}; set it between 1 and 20 (AWS_MAX_ATTEMPTS).");
        }

        if (ThrottlingMaxAttempts is < 1 or > 100)
        {
            errors.Add($"Retry ThrottlingMaxAttempts is {ThrottlingMaxAttempts}; set it between 1 and 100.");
        }

        if (BaseDelay <= TimeSpan.Zero)
        {
            errors.Add($"Retry BaseDelay is {BaseDelay}; set it to a positive time such as 00:00:01.");
        }

        if (MaxDelay < BaseDelay)
        {
            errors.Add($"Retry MaxDelay ({MaxDelay}) is below BaseDelay ({BaseDelay}); set MaxDelay to at least BaseDelay.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Retry AttemptTimeout is {AttemptTimeout}; set it to a positive time such as 00:00:30.");
        }

        return errors;
    }
}
