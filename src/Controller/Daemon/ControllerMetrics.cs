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

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _cycleSeconds;
    private readonly Counter<long> _cycles;
    private Dictionary<string, int> _resourcesByState = [];

    public ControllerMetrics(AwsRequestLog requests)
    {
        _cycleSeconds = _meter.CreateHistogram<double>("reconciler_cycle_duration", "s", "Duration of one reconcile cycle.");
        _cycles = _meter.CreateCounter<long>("reconciler_cycles_total", description: "Reconcile cycles by outcome.");
        _meter.CreateObservableCounter(
            "reconciler_aws_requests_total",
            () => requests.CountsByServiceAndOutcome().Select(e => new Measurement<long>(
                e.Value,
                new KeyValuePair<string, object?>("service", e.Key.Service),
                new KeyValuePair<string, object?>("outcome", e.Key.Outcome))),
            description: "AWS requests (every HTTP attempt) by service and outcome.");
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
}
