namespace Reconciler.Controller.State;

/// <summary>
/// How long a failed observe waits before the next try: 30 s after the first failure, doubling
/// with each one after, at most 15 minutes. A service that is down is asked less and less often,
/// and one back up is noticed within a quarter of an hour.
/// </summary>
internal static class ObserveBackoff
{
    /// <summary>The wait after the first failure.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(15);

    /// <summary>The wait after <paramref name="attempts"/> failures in a row.</summary>
    public static TimeSpan After(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 20);
        var wait = Initial * Math.Pow(2, doublings);
        return wait > Max ? Max : wait;
    }
}
