using System.Collections.Concurrent;

namespace Reconciler.Controller.Aws;

/// <summary>
/// The AWS request budget of a process: per service (by SigV4 signing name), a token bucket
/// that every HTTP attempt of every client waits on before it is sent, official SDK clients
/// and own clients alike, cut on throttling and raised again when quiet (see
/// <see cref="AwsBudgetOptions"/>).
/// <para>
/// Sharing: an <see cref="AwsClientFactory"/> builds its own budget from
/// <see cref="AwsEnvironment.Budget"/> unless one is passed in; a process that creates several
/// factories (a daemon opening one per cycle, a CLI command beside it) should create one
/// budget and pass it to each, so that they all draw from the same buckets. A budget is not
/// shared between processes: two processes each get their own, and each adapts on the
/// throttling it sees.
/// </para>
/// Waits use the injected <see cref="TimeProvider"/> and honour cancellation. Thread-safe.
/// </summary>
public sealed class AwsRequestBudget
{
    private readonly ConcurrentDictionary<string, AwsServiceBucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates a budget; validates <paramref name="options"/> first.</summary>
    /// <param name="options">Rates, bursts and adaptation; the defaults when null.</param>
    /// <param name="timeProvider">Clock for refills, waits and quiet periods; the system clock when null.</param>
    /// <exception cref="AwsConfigurationException">The options are invalid; it lists every problem.</exception>
    public AwsRequestBudget(AwsBudgetOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new AwsBudgetOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new AwsConfigurationException(errors);
        }

        Options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The options the budget was built from.</summary>
    public AwsBudgetOptions Options { get; }

    /// <summary>Throttling answers received so far, over every service.</summary>
    public long ThrottledTotal => _buckets.Values.Sum(b => b.Snapshot().Throttled);

    /// <summary>The current (adaptive) rate of <paramref name="service"/> in requests per second; the configured one until it is throttled.</summary>
    public double CurrentRate(string service) =>
        _buckets.TryGetValue(service, out var bucket) ? bucket.Snapshot().CurrentRate : Options.For(service).RequestsPerSecond;

    /// <summary>Throttling answers received so far from <paramref name="service"/>.</summary>
    public long ThrottledCount(string service) =>
        _buckets.TryGetValue(service, out var bucket) ? bucket.Snapshot().Throttled : 0;

    /// <summary>The state of every service used so far, ordered by name; for metrics.</summary>
    public IReadOnlyList<AwsServiceBudgetSnapshot> Snapshot() =>
        [.. _buckets.Values.Select(b => b.Snapshot()).OrderBy(s => s.Service, StringComparer.Ordinal)];

    /// <summary>Waits for <paramref name="service"/>'s next token; returns the admission to report the answer on.</summary>
    internal async ValueTask<AwsBudgetTicket> AcquireAsync(string service, CancellationToken cancellationToken)
    {
        var bucket = Bucket(service);
        if (!Options.Enabled)
        {
            return new AwsBudgetTicket(bucket, bucket.Generation);
        }

        var generation = await bucket.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return new AwsBudgetTicket(bucket, generation);
    }

    /// <summary>Reports that the request admitted by <paramref name="ticket"/> was answered with throttling.</summary>
    internal static void OnThrottled(AwsBudgetTicket ticket) => ticket.Bucket.Throttled(ticket.Generation);

    private AwsServiceBucket Bucket(string service) =>
        _buckets.GetOrAdd(service, static (name, budget) => new AwsServiceBucket(name, budget.Options.For(name), budget.Options, budget._time), this);
}
