using Microsoft.Extensions.Logging;
using Reconciler.Controller.Leases;
using Reconciler.Controller.Rollouts;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// Runs the rollout engine beside the reconcile cycles for as long as this replica leads, every
/// <c>RolloutTick</c>, on the revision in force, and publishes the rollouts in /status. A lost
/// lease (a fenced write refused, or the write gate) ends the whole leadership, as in a cycle.
/// </summary>
internal sealed partial class RolloutTicker(RolloutEngine engine, RevisionTracker revisions, ControllerStatus status, TimeProvider time, TimeSpan tick, ILogger logger)
{
    public async Task RunAsync(LeaseFence fence, CancellationTokenSource leading)
    {
        try
        {
            while (!leading.IsCancellationRequested)
            {
                if (revisions.Good is { } good)
                {
                    try
                    {
                        var rollouts = await engine.TickAsync(good.Stack, good.Snapshot.Revision, fence, leading.Token);
                        status.Update(s => s with { Rollouts = rollouts });
                    }
                    catch (Exception e) when (e is LeaseLostException or WriteRefusedException)
                    {
                        LogLost(logger, e.Message);
                        await leading.CancelAsync();
                        return;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogTickFailed(logger, e.Message, e);
                    }
                }

                await Task.Delay(tick, time, leading.Token);
            }
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
            // Leadership ended or the process stops.
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Rollouts stopped: {Error}")]
    private static partial void LogLost(ILogger logger, string error);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Rollout tick failed: {Error}; the next tick starts over")]
    private static partial void LogTickFailed(ILogger logger, string error, Exception exception);
}
