namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// How many per-resource reads of one service a driver runs at once. The request budget paces
/// the requests (its token bucket per service); this only keeps enough of them in flight for the
/// budget to be the limit rather than round-trip latency: as many as the service's burst, within
/// bounds that spare the connection pool.
/// </summary>
internal static class ReadParallelism
{
    private const int Floor = 4;
    private const int Ceiling = 32;

    /// <summary>The reads of <paramref name="service"/> (its signing name) to run at once under <paramref name="budget"/>.</summary>
    public static int For(AwsBudgetOptions budget, string service) =>
        budget.Enabled ? Math.Clamp(budget.For(service).Burst, Floor, Ceiling) : Ceiling;
}
