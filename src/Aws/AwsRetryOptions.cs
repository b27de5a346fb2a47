namespace Reconciler.Aws;

/// <summary>
/// How AWS calls are retried and timed out. The defaults follow the AWS SDKs' "standard"
/// retry mode: three attempts, exponential backoff with full jitter from a one second base,
/// capped at twenty seconds. Applied to the official SDK clients (retry mode Standard,
/// MaxErrorRetry, Timeout) and to the project's own clients alike.
/// </summary>
public sealed record AwsRetryOptions
{
    /// <summary>Attempts per call, the first included. Default 3; between 1 and 20.</summary>
    public int MaxAttempts { get; init; } = 3;

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
