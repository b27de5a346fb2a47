namespace Reconciler.Controller.Drift;

/// <summary>
/// Somewhere drift notifications go: the log, a metric, webhooks. Each sink receives every
/// cycle's report (also when it has no notifications, so gauges stay current). A sink should
/// not throw; the tracker logs and contains it if one does.
/// </summary>
public interface IAlertSink
{
    /// <summary>Delivers the cycle's notifications; returns within a bounded time.</summary>
    Task SendAsync(DriftReport report, CancellationToken cancellationToken);
}
