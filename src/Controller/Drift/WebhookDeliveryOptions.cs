namespace Reconciler.Controller.Drift;

/// <summary>
/// How webhooks are delivered. A cycle waits for its notifications at most
/// <see cref="TotalTimeout"/>, so a slow or dead receiver never holds the reconcile loop for long.
/// </summary>
public sealed record WebhookDeliveryOptions
{
    /// <summary>Time one POST may take before it is abandoned and retried. Default 5 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per notification and webhook, the first included. Default 3; between 1 and 10.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the first retry; doubled for each further retry, up to <see cref="MaxDelay"/>. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on one wait between attempts. Default 8 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Time all of one cycle's deliveries may take together; what is not delivered by then is dropped and logged. Default 20 s.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Deliveries in flight at once (a mass drift must not flood a receiver). Default 4; between 1 and 32.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}.AttemptTimeout is {AttemptTimeout}; set it to a positive time such as 00:00:05.");
        }

        if (MaxAttempts is < 1 or > 10)
        {
            errors.Add($"{prefix}.MaxAttempts is {MaxAttempts}; set it between 1 and 10.");
        }

        if (BaseDelay < TimeSpan.Zero)
        {
            errors.Add($"{prefix}.BaseDelay is {BaseDelay}; set it to zero or a positive time such as 00:00:01.");
        }

        if (MaxDelay < BaseDelay)
        {
            errors.Add($"{prefix}.MaxDelay ({MaxDelay}) is below BaseDelay ({BaseDelay}); set MaxDelay to at least BaseDelay.");
        }

        if (TotalTimeout < AttemptTimeout)
        {
            errors.Add($"{prefix}.TotalTimeout ({TotalTimeout}) is below AttemptTimeout ({AttemptTimeout}); set it to at least AttemptTimeout, e.g. 00:00:20.");
        }

        if (MaxConcurrency is < 1 or > 32)
        {
            errors.Add($"{prefix}.MaxConcurrency is {MaxConcurrency}; set it between 1 and 32.");
        }

        return errors;
    }
}
