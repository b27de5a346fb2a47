using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Drift;

/// <summary>
/// Writes each notification to the structured log: a warning for new, repeated and healed
/// drift, information when resolved. Names the resource, each field's desired and live value
/// and the revision.
/// </summary>
internal sealed class LogAlertSink(ILogger logger) : IAlertSink
{
    public Task SendAsync(DriftReport report, CancellationToken cancellationToken)
    {
        foreach (var notification in report.Notifications)
        {
            Write(notification);
        }

        return Task.CompletedTask;
    }

    private void Write(DriftNotification notification)
    {
        var alert = notification.Alert;
        var resource = alert.Key.ToString();
        switch (notification.Kind)
        {
            case DriftNotificationKind.New:
                DriftLog.DriftDetected(logger, resource, alert.Stack, alert.Revision, DriftText.Policy(alert.Policy), DriftText.Fields(alert.Fields));
                break;
            case DriftNotificationKind.Repeat:
                DriftLog.DriftUnresolved(logger, DriftText.Timestamp(alert.FirstSeen), resource, alert.Stack, alert.Revision, DriftText.Policy(alert.Policy), DriftText.Fields(alert.Fields));
                break;
            case DriftNotificationKind.Healed:
                DriftLog.DriftHealed(logger, resource, alert.Stack, alert.Revision, DriftText.Fields(alert.Fields));
                break;
            case DriftNotificationKind.Resolved:
                DriftLog.DriftResolved(logger, resource, alert.Stack);
                break;
        }
    }
}
