using System.Collections.Immutable;
using System.Diagnostics.Metrics;

namespace Reconciler.Controller.Drift;

/// <summary>
/// Drift metrics on the meter <c>Reconciler.Drift</c>: the counter
/// <c>reconciler_drift_alerts_total{kind=new|repeat|resolved|healed}</c> and the gauge
/// <c>reconciler_drift_open{stack}</c>, the open alerts as this replica last saw them.
/// </summary>
internal sealed class MetricsAlertSink : IAlertSink, IDisposable
{
    public const string MeterName = "Reconciler.Drift";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _alerts;
    private ImmutableDictionary<string, int> _openByStack = ImmutableDictionary<string, int>.Empty;

    public MetricsAlertSink()
    {
        _alerts = _meter.CreateCounter<long>("reconciler_drift_alerts_total", description: "Drift notifications by kind (new, repeat, resolved, healed).");
        _meter.CreateObservableGauge(
            "reconciler_drift_open",
            () => Volatile.Read(ref _openByStack).Select(e => new Measurement<int>(e.Value, new KeyValuePair<string, object?>("stack", e.Key))),
            description: "Open drift alerts by stack.");
    }

    /// <summary>The meter, for listeners in tests.</summary>
    internal Meter Meter => _meter;

    public Task SendAsync(DriftReport report, CancellationToken cancellationToken)
    {
        foreach (var notification in report.Notifications)
        {
            _alerts.Add(1, new KeyValuePair<string, object?>("kind", DriftText.Kind(notification.Kind)));
        }

        ImmutableInterlocked.Update(ref _openByStack, (open, count) => open.SetItem(report.Stack, count), report.Open.Count);
        return Task.CompletedTask;
    }

    public void Dispose() => _meter.Dispose();
}
