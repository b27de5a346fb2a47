using System.Globalization;

namespace Reconciler.Controller.Leases;

/// <summary>
/// How replicas elect one leader per stack. The defaults are client-go's leader election
/// defaults (15 s / 10 s / 2 s). The safety argument rests on two inequalities checked by
/// <see cref="Validate"/>: a leader gives up after <see cref="RenewDeadline"/> without a
/// successful renew, standbys take over only after <see cref="LeaseDuration"/> without seeing
/// the lease change, and RenewDeadline &lt; LeaseDuration, so the leader has stopped before
/// anyone else may start.
/// </summary>
public sealed record LeaseOptions
{
    /// <summary>Longest identity accepted, so it fits comfortably in logs, metrics and the lease item.</summary>
    public const int MaxHolderIdentityLength = 128;

    /// <summary>
    /// How long standbys wait, on their own monotonic clock, after they last saw the lease
    /// change before they may take it. Default 15 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the leader keeps acting without a successful renew, counted from when the last
    /// successful write was sent. Must be below <see cref="LeaseDuration"/>. Default 10 s.
    /// </summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the leader renews and standbys look at the lease. Must be below
    /// <see cref="RenewDeadline"/>, so the leader gets several attempts before it gives up. Default 2 s.
    /// </summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Up to this share of <see cref="RetryPeriod"/> is added at random to each standby's wait
    /// (0.2: between 2 s and 2.4 s), so standbys started together do not call DynamoDB in
    /// lockstep. client-go's JitterFactor of 1.2 adds up to 120 %; a smaller spread keeps the
    /// takeover after a leader dies close to LeaseDuration + RetryPeriod × 1.2. Between 0 and 1;
    /// default 0.2.
    /// </summary>
    public double RetryJitter { get; init; } = 0.2;

    /// <summary>
    /// This replica's name in the lease. Must be unique per process: a replica that finds its
    /// own name in the lease may take it at once. Default: host name, process id and a random
    /// suffix (a restarted process on the same host never reuses its predecessor's name).
    /// </summary>
    public string HolderIdentity { get; init; } = DefaultHolderIdentity();

    /// <summary>
    /// Whether a leader that is shut down cleanly releases the lease (empties the holder), so a
    /// standby takes over at its next retry instead of after <see cref="LeaseDuration"/>. Default true.
    /// </summary>
    public bool ReleaseOnShutdown { get; init; } = true;

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LeaseDuration <= TimeSpan.Zero)
        {
            errors.Add($"LeaseOptions.LeaseDuration is {Seconds(LeaseDuration)}; set it to a positive time such as 15 s.");
        }

        if (RenewDeadline <= TimeSpan.Zero)
        {
            errors.Add($"LeaseOptions.RenewDeadline is {Seconds(RenewDeadline)}; set it to a positive time below LeaseDuration such as 10 s.");
        }

        if (RetryPeriod <= TimeSpan.Zero)
        {
            errors.Add($"LeaseOptions.RetryPeriod is {Seconds(RetryPeriod)}; set it to a positive time below RenewDeadline such as 2 s.");
        }

        if (LeaseDuration > TimeSpan.Zero && RenewDeadline > TimeSpan.Zero && RenewDeadline >= LeaseDuration)
        {
            errors.Add(
                $"LeaseOptions.RenewDeadline ({Seconds(RenewDeadline)}) must be shorter than LeaseDuration ({Seconds(LeaseDuration)}): "
                + "a leader that cannot renew must stop acting before standbys may take its lease. Lower RenewDeadline or raise LeaseDuration.");
        }

        if (RenewDeadline > TimeSpan.Zero && RetryPeriod > TimeSpan.Zero && RetryPeriod >= RenewDeadline)
        {
            errors.Add(
                $"LeaseOptions.RetryPeriod ({Seconds(RetryPeriod)}) must be shorter than RenewDeadline ({Seconds(RenewDeadline)}), "
                + "or the leader gives up after a single failed renew. Lower RetryPeriod or raise RenewDeadline.");
        }

        if (double.IsNaN(RetryJitter) || RetryJitter is < 0 or > 1)
        {
            errors.Add(
                $"LeaseOptions.RetryJitter is {RetryJitter.ToString(CultureInfo.InvariantCulture)}; "
                + "set it between 0 and 1 (0.2 makes standbys wait up to 20 % longer than RetryPeriod).");
        }

        if (string.IsNullOrWhiteSpace(HolderIdentity))
        {
            errors.Add(
                "LeaseOptions.HolderIdentity is empty; leave it unset for the default (host name, process id and a random suffix) "
                + "or set a name unique to this replica.");
        }
        else if (HolderIdentity.Length > MaxHolderIdentityLength)
        {
            errors.Add(
                $"LeaseOptions.HolderIdentity is {HolderIdentity.Length} characters long; use at most {MaxHolderIdentityLength}.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="LeaseOptionsException"/> listing every problem, when there is one.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new LeaseOptionsException(errors);
        }
    }

    /// <summary>host-pid-suffix; the suffix tells apart processes that reuse a pid (containers often run as pid 1).</summary>
    public static string DefaultHolderIdentity() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    private static string Seconds(TimeSpan value) =>
        value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
