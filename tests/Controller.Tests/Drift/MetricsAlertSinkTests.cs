using System.Diagnostics.Metrics;
using Reconciler.Controller.Drift;

namespace Reconciler.Controller.Tests.Drift;

public sealed class MetricsAlertSinkTests
{
    [Fact]
    public async Task SendAsync_CountsNotificationsByKindAndGaugesOpenAlerts()
    {
        using var sink = new MetricsAlertSink();
        var counted = new List<(string Instrument, long Value, string Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == sink.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => counted.Add((instrument.Name, value, $"{tags[0].Key}={tags[0].Value}")));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => counted.Add((instrument.Name, value, $"{tags[0].Key}={tags[0].Value}")));
        listener.Start();
        var resolved = new DriftNotification(DriftNotificationKind.Resolved, DriftNotifications.Alert(), DriftNotifications.FirstSeen);

        await sink.SendAsync(DriftNotifications.Report(DriftNotifications.New(), resolved), CancellationToken.None);
        listener.RecordObservableInstruments();

        Assert.Equal(
            [
                ("reconciler_drift_alerts_total", 1L, "kind=new"),
                ("reconciler_drift_alerts_total", 1L, "kind=resolved"),
                ("reconciler_drift_open", 1L, "stack=dev"),
            ],
            counted);
        Assert.Equal("Reconciler.Drift", sink.Meter.Name);
    }
}
