using Microsoft.Extensions.Logging;
using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Drift;

/// <summary>
/// Turns each cycle's plan into drift notifications: one when a resource starts drifting, a
/// repeat while it stays unresolved, one when it is healed, one when it is in sync again.
/// Open alerts live in the <see cref="IAlertStore"/>, read afresh every cycle, so a restarted
/// or new leader continues where the last one stopped. Call once per cycle per stack, after
/// the plan was executed; not concurrently for the same stack.
/// </summary>
internal sealed class DriftTracker(IAlertStore store, IEnumerable<IAlertSink> sinks, DriftOptions options, TimeProvider time, ILogger logger)
{
    private readonly IReadOnlyList<IAlertSink> _sinks = [.. sinks];

    /// <summary>
    /// Decides, records and sends the cycle's notifications. Each decision is written to the
    /// store before its notification is sent: with fenced writes only the leader can record, so
    /// only the leader sends; a write that fails holds its notification back and the next cycle
    /// decides it again. Sinks are bounded in time and their failures are logged, not thrown.
    /// </summary>
    /// <param name="plan">The cycle's plan (drifted changes have <see cref="ResourceChange.IsDrift"/>).</param>
    /// <param name="revision">The revision (commit) the documents were loaded at.</param>
    /// <param name="applied">
    /// Resources whose planned change was applied successfully this cycle: a drifted resource
    /// under the heal policy in this set is reported healed; one missing (not executed, failed,
    /// refused by a guard rail) is reported as drift. Empty when the plan was not executed.
    /// </param>
    /// <param name="cancellationToken">Stops the cycle.</param>
    /// <returns>The notifications sent and the alerts left open.</returns>
    public async Task<DriftReport> ObserveAsync(Plan plan, string revision, IReadOnlySet<ResourceKey> applied, CancellationToken cancellationToken)
    {
        var stack = plan.Stack.Name;
        var open = (await store.ListAsync(stack, cancellationToken)).ToDictionary(a => a.Key);
        var decisions = DriftDecisions.Decide(plan, revision, applied, open, time.GetUtcNow(), options.RepeatInterval);
        var notifications = await RecordAsync(decisions, open, cancellationToken);
        var report = new DriftReport
        {
            Stack = stack,
            Revision = revision,
            Notifications = notifications,
            Open = [.. open.Values.OrderBy(a => a.Key)],
        };
        await Task.WhenAll(_sinks.Select(sink => SendAsync(sink, report, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        return report;
    }

    /// <summary>Writes each decision; returns the notifications whose writes succeeded and updates <paramref name="open"/> to match.</summary>
    private async Task<List<DriftNotification>> RecordAsync(IReadOnlyList<DriftDecision> decisions, Dictionary<ResourceKey, DriftAlert> open, CancellationToken cancellationToken)
    {
        var recorded = new List<DriftNotification>();
        foreach (var (write, notification) in decisions)
        {
            try
            {
                await store.WriteAsync(write, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DriftLog.AlertNotSaved(logger, write.Key.ToString(), write.Stack, $"{e.GetType().Name}: {e.Message}");
                continue;
            }

            if (write.Alert is { } alert)
            {
                open[write.Key] = alert;
            }
            else
            {
                open.Remove(write.Key);
            }

            recorded.Add(notification);
        }

        return recorded;
    }

    private async Task SendAsync(IAlertSink sink, DriftReport report, CancellationToken cancellationToken)
    {
        try
        {
            await sink.SendAsync(report, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a sink's exception message may quote a webhook URL.
            DriftLog.SinkFailed(logger, sink.GetType().Name, e.GetType().Name);
        }
    }
}
