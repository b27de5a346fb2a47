namespace Reconciler.Controller.Daemon;

/// <summary>
/// Whether the reconcile loop is alive, for /healthz: the loop says what it starts doing and how
/// long that may take at most; when it has been at one thing for longer, it is wedged (a hung
/// call, a deadlock) and the process should be restarted. Waiting for a valid revision, for
/// the lease or for AWS to answer is not wedged: those waits beat again at every attempt, and
/// readiness (/readyz) is what tells them apart from working.
/// </summary>
internal sealed class LoopLiveness(TimeProvider time)
{
    /// <summary>
    /// The longest one step of work (a cycle, a read of the source, creating the state table) may
    /// take: longer than the apply's own deadline, so a slow but moving apply (RDS) is never cut
    /// short by a restart.
    /// </summary>
    public static readonly TimeSpan WorkLimit = TimeSpan.FromHours(1);

    /// <summary>Added to every limit, for a loaded machine's scheduling and GC pauses.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private Beat _last = new("starting", time.GetUtcNow(), WorkLimit);

    /// <summary>Records that the loop starts <paramref name="activity"/>, which should end within <paramref name="limit"/>.</summary>
    public void Starting(string activity, TimeSpan limit) => Volatile.Write(ref _last, new Beat(activity, time.GetUtcNow(), limit));

    /// <summary>Null while the loop is alive; else why not, as a sentence.</summary>
    public string? Problem()
    {
        var last = Volatile.Read(ref _last);
        var elapsed = time.GetUtcNow() - last.Since;
        return elapsed <= last.Limit + Grace
            ? null
            : $"the reconcile loop has been {last.Activity} for {Seconds(elapsed)}, longer than its limit of {Seconds(last.Limit + Grace)}";
    }

    private static string Seconds(TimeSpan span) => $"{(long)span.TotalSeconds} s";

    private sealed record Beat(string Activity, DateTimeOffset Since, TimeSpan Limit);
}
