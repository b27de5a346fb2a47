using Reconciler.Controller.Drift;

namespace Reconciler.Controller.Tests.Drift;

/// <summary>Keeps every report it is sent.</summary>
internal sealed class RecordingSink : IAlertSink
{
    private readonly List<DriftReport> _reports = [];

    public IReadOnlyList<DriftReport> Reports => _reports;

    public IEnumerable<DriftNotification> Notifications => _reports.SelectMany(r => r.Notifications);

    public Task SendAsync(DriftReport report, CancellationToken cancellationToken)
    {
        _reports.Add(report);
        return Task.CompletedTask;
    }
}
