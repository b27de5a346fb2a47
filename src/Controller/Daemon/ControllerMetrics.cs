using System.Diagnostics;
using System.Diagnostics.Metrics;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// The controller's own metrics, exported at /metrics in Prometheus form: cycle duration,
/// resources by state, AWS requests by service and outcome. Lease transitions and drift alerts
/// have meters of their own (Reconciler.Leases, Reconciler.Drift).
/// </summary>
internal sealed class ControllerMetrics : IDisposable
{
    public const string MeterName = "Reconciler.Controller";

    /// <summary>
    /// Bucket bounds of the cycle duration, in seconds. OpenTelemetry's default bounds
    /// (0, 5, 10, 25 ... 10000) are meant for milliseconds: in seconds they put every cycle of
    /// a healthy controller (well under 5 s) into one bucket. These span a small stack's
    /// fraction of a second to a large one's minutes.
    /// </summary>
    public static readonly IReadOnlyList<double> CycleSecondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _cycleSeconds;
    private readonly Counter<long> _cycles;
    private Dictionary<string, int> _resourcesByState = [];

    /// <param name="requests">The reconciler's requests.</param>
    /// <param name="leaseRequests">The lease's own requests (a client of their own).</param>
    /// <param name="budget">The reconciler's request budget: current rates and throttling.</param>
    public ControllerMetrics(AwsRequestLog requests, AwsRequestLog leaseRequests, AwsRequestBudget budget)
    {
        _cycleSeconds = _meter.CreateHistogram(
            "reconciler_cycle_duration",
            "s",
            "Duration of one reconcile cycle.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CycleSecondsBuckets });
        _cycles = _meter.CreateCounter<long>("reconciler_cycles_total", description: "Reconcile cycles by outcome.");
        _meter.CreateObservableCounter(
            "reconciler_aws_requests_total",
            () => Requests(requests, "reconciler").Concat(Requests(leaseRequests, "lease")),
            description: "AWS requests (every HTTP attempt) by service and outcome; client is reconciler or lease.");
        _meter.CreateObservableGauge(
            "reconciler_aws_budget_rate",
            () => budget.Snapshot().Select(b => new Measurement<double>(b.CurrentRate, new KeyValuePair<string, object?>("service", b.Service))),
            "1/s",
            "The request rate each service's budget allows now (cut on throttling, raised after quiet periods).");
        _meter.CreateObservableCounter(
            "reconciler_aws_throttled_total",
            () => budget.Snapshot().Select(b => new Measurement<long>(b.Throttled, new KeyValuePair<string, object?>("service", b.Service))),
            description: "Throttling answers from AWS by service.");
        _meter.CreateObservableGauge(
            "reconciler_resources",
            () => Volatile.Read(ref _resourcesByState).Select(e => new Measurement<int>(e.Value, new KeyValuePair<string, object?>("state", e.Key))),
            description: "Resources of the stack by state.");
    }

    /// <summary>Records a finished cycle.</summary>
    public void CycleFinished(TimeSpan duration, string outcome)
    {
        _cycleSeconds.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        _cycles.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Replaces the counts of resources by state (in sync, drifted, failed, pending delete).</summary>
    public void ResourcesByState(IReadOnlyDictionary<string, int> counts) =>
        Volatile.Write(ref _resourcesByState, new Dictionary<string, int>(counts));

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Requests(AwsRequestLog log, string client) =>
        log.CountsByServiceAndOutcome().Select(e => new Measurement<long>(
            e.Value,
            new KeyValuePair<string, object?>("service", e.Key.Service),
            new KeyValuePair<string, object?>("outcome", e.Key.Outcome),
            new KeyValuePair<string, object?>("client", client)));
}
