using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Leases;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.Reconcile.Guards;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// One reconcile cycle of a leader, in steps: take the revision in force, apply it honouring
/// the drift policies, report drift, record the run. Every write (AWS through the write gate,
/// the state table and alerts through the fence) belongs to the leadership it was made for.
/// A failure ends the cycle with the error recorded; the next cycle starts from scratch.
/// </summary>
internal sealed partial class ReconcileCycle
{
    private readonly DaemonContext _daemon;
    private readonly RevisionTracker _revisions;
    private readonly ControllerStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StateStore _state;
    private readonly StackReconciler _reconciler;
    private readonly DriftTracker _drift;
    private RunRecord? _previous;

    public ReconcileCycle(DaemonContext daemon, LeaseFence fence, RevisionTracker revisions, ControllerStatus status, TimeProvider time, ILogger logger)
    {
        _daemon = daemon;
        _revisions = revisions;
        _status = status;
        _time = time;
        _logger = logger;
        _state = daemon.State.Fenced(fence);
        _reconciler = new StackReconciler(daemon.Drivers, daemon.Aws, _state, daemon.Executor, time, logger);
        _drift = new DriftTracker(new FencedAlertStore(daemon.Aws.DynamoDb, daemon.StateTable.TableName, fence), daemon.AlertSinks, daemon.Drift, time, logger);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var scope = _logger.BeginScope(new CycleScope(Guid.NewGuid().ToString("N")[..12]));
        var good = await _revisions.RefreshAsync(cancellationToken);
        if (_revisions.TakeRejection() is { } rejection)
        {
            await _daemon.Webhooks.SendRevisionRejectedAsync(rejection, cancellationToken);
        }

        if (good is null)
        {
            _daemon.Metrics.CycleFinished(_time.GetElapsedTime(started), "no-valid-revision");
            return;
        }

        var stack = good.Stack.Stack.Name;
        _previous ??= await _daemon.Runs.ReadAsync(stack, cancellationToken);
        var revision = good.Snapshot.Revision;
        string outcome;
        string? error = null;
        var states = new Dictionary<string, ResourceStatus>();
        try
        {
            var result = await _reconciler.ApplyAsync(good.Stack, new ApplyOptions { HonourDriftPolicy = true }, cancellationToken);
            var applied = result.Outcomes.Where(o => o.Succeeded && o.Action is not ChangeAction.NoOp).Select(o => o.Key).ToHashSet();
            await _drift.ObserveAsync(result.Plan, revision, applied, cancellationToken);
            states = ResourceStates.Of(result);
            outcome = result.Succeeded ? "applied" : "failed";
            error = result.Succeeded ? null : $"{result.Outcomes.Count(o => !o.Succeeded)} resource(s) failed; the first: {result.Outcomes.First(o => !o.Succeeded).Key}: {result.Outcomes.First(o => !o.Succeeded).Error}";
        }
        catch (GuardViolation refused)
        {
            (outcome, error) = ("refused", refused.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not LeaseLostException && e is not WriteRefusedException)
        {
            // The run record and /status carry the message; the log carries the whole exception.
            (outcome, error) = ("error", e.Message);
            LogCycleError(_logger, e);
        }

        error ??= _revisions.LastError;
        var now = _time.GetUtcNow();
        var succeeded = outcome == "applied";
        var record = new RunRecord
        {
            AppliedRevision = succeeded ? revision : _previous?.AppliedRevision,
            AppliedAt = succeeded ? (_previous?.AppliedRevision == revision ? _previous.AppliedAt : now) : _previous?.AppliedAt,
            LatestRevision = _status.Current.LatestRevision ?? revision,
            LastCycleAt = now,
            LastError = error,
            Holder = _state.Fence?.Holder,
            Resources = states.Count > 0 ? states : _previous?.Resources ?? new Dictionary<string, ResourceStatus>(),
        };
        await _daemon.Runs.WriteAsync(_state, stack, record, cancellationToken);
        _previous = record;

        var counts = record.Resources.Values.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count());
        _daemon.Metrics.ResourcesByState(counts);
        _daemon.Metrics.CycleFinished(_time.GetElapsedTime(started), outcome);
        _status.Update(s => s with
        {
            AppliedRevision = record.AppliedRevision,
            AppliedAt = record.AppliedAt,
            LastError = record.LastError,
            LastCycleAt = now,
            Resources = new SortedDictionary<string, ResourceStatus>(record.Resources.ToDictionary(), StringComparer.Ordinal),
            ResourceCounts = counts,
        });
        LogCycle(_logger, outcome, good.Snapshot.ShortRevision, _time.GetElapsedTime(started).TotalMilliseconds, error ?? "");
    }

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Cycle ended with an error; the next cycle starts over")]
    private static partial void LogCycleError(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Cycle {Outcome} at revision {Revision} in {Milliseconds:0} ms {Error}")]
    private static partial void LogCycle(ILogger logger, string outcome, string revision, double milliseconds, string error);
}
