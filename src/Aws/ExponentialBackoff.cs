namespace Reconciler.Aws;

/// <summary>The wait before a retry grows as BaseDelay × 2^(attempt-1), capped at MaxDelay.</summary>
public static class ExponentialBackoff
{
    /// <summary>
    /// The capped wait after failed attempt <paramref name="attempt"/> (1 for the first). The exponent stops at 30,
    /// where any sensible cap has long been reached, so the product cannot overflow.
    /// </summary>
    public static TimeSpan Ceiling(TimeSpan baseDelay, TimeSpan maxDelay, int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30))));
}
