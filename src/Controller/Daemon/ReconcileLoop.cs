using Amazon.DynamoDBv2;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// The daemon: learns the stack from the first valid revision, contests its lease, and while
/// it leads runs reconcile cycles until the lease is lost or the process stops. A standby keeps
/// reading the source (so it is ready and can report) but never writes. Losing the lease
/// cancels the cycle in flight: the lease's <see cref="Leadership.Lost"/> token is the cycle's
/// cancellation, and every state write is fenced by the lease's token besides.
/// </summary>
internal sealed partial class ReconcileLoop(
    RevisionTracker revisions,
    DaemonContext daemon,
    RunOptions options,
    CycleTrigger trigger,
    ControllerStatus status,
    LoopLiveness liveness,
    TimeProvider time,
    ILogger<ReconcileLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        liveness.Starting("reading the first revision", LoopLiveness.WorkLimit);
        var first = await revisions.FirstGoodAsync(
            () =>
            {
                // The wait, then the next read of the source.
                liveness.Starting("waiting for a valid revision", PollWait + LoopLiveness.WorkLimit);
                return trigger.WaitAsync(options.PollInterval, options.Jitter, stoppingToken);
            },
            stoppingToken);
        var stack = first.Stack.Stack.Name;
        await EnsureStateTableAsync(stoppingToken);

        var elector = new LeaderElector(
            daemon.LeaseDynamoDb,
            daemon.StateTable,
            stack,
            options.Lease,
            time,
            daemon.Loggers.CreateLogger<LeaderElector>(),
            callbacks: new LeaderCallbacks
            {
                OnStartedLeading = l => status.Update(s => s with { Role = "leader", Leader = l.Holder, FencingToken = l.FencingToken }),
                OnStoppedLeading = () => status.Update(s => s with { Role = "standby" }),
                OnNewLeader = holder => status.Update(s => s with { Leader = holder }),
            });
        status.Update(s => s with { Replica = elector.Identity, Role = "standby", Stack = stack });
        daemon.WriteGate.Watch(elector);
        var electing = elector.RunAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var leadership = await WaitForLeadershipAsync(elector, stoppingToken);
                await LeadAsync(leadership, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the elector releases the lease so a standby takes over at once.
        }
        finally
        {
            await electing;
        }
    }

    // A standby keeps following the source while it waits, so it stays ready and current. It
    // reads the source at the poll interval (or on POST /trigger or SIGHUP), as a leader does:
    // the lease's retry period paces only the cheap look at who leads, never a git fetch.
    private async Task<Leadership> WaitForLeadershipAsync(LeaderElector elector, CancellationToken stoppingToken)
    {
        var leading = elector.WaitForLeadershipAsync(stoppingToken);
        using var standby = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var following = FollowSourceAsync(standby.Token);
        try
        {
            while (!leading.IsCompleted)
            {
                liveness.Starting("standing by", options.Lease.RetryPeriod);
                var observed = elector.CurrentLeader;
                // The role is the callbacks' to set: this loop may still be running when leadership arrives.
                status.Update(s => s with { Leader = observed?.Holder, FencingToken = observed?.FencingToken });
                await Task.WhenAny(leading, Task.Delay(options.Lease.RetryPeriod, time, stoppingToken));
            }
        }
        finally
        {
            liveness.Starting("finishing a read of the source", LoopLiveness.WorkLimit);
            await standby.CancelAsync();
            await following;
        }

        return await leading;
    }

    private async Task FollowSourceAsync(CancellationToken standbyToken)
    {
        try
        {
            while (true)
            {
                await trigger.WaitAsync(options.PollInterval, options.Jitter, standbyToken);
                await revisions.RefreshAsync(standbyToken);
            }
        }
        catch (OperationCanceledException) when (standbyToken.IsCancellationRequested)
        {
            // Leading now, or stopping.
        }
    }

    private async Task LeadAsync(Leadership leadership, CancellationToken stoppingToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
        status.Update(s => s with { Role = "leader", Leader = leadership.Holder, FencingToken = leadership.FencingToken });
        var cycle = new ReconcileCycle(daemon, leadership.Fence, revisions, status, time, logger);
        LogLeading(logger, leadership.Stack, leadership.FencingToken);
        var ticker = new RolloutTicker(daemon.Rollouts(time, logger), revisions, status, time, options.RolloutTick, logger);
        var ticking = Task.CompletedTask;
        try
        {
            // A standby's revision may be a poll interval old. The rollout engine acts on the
            // revision in force, and an old one would read as a commit back to blue's version:
            // the new leader would cancel the rollout and start it again at step 1. So the source
            // is read before the first rollout tick (the cycle reads it again; an unchanged
            // revision costs nothing more).
            liveness.Starting("reading the source before leading", LoopLiveness.WorkLimit);
            await revisions.RefreshAsync(leading.Token);
            ticking = ticker.RunAsync(leadership.Fence, leading);
            while (!leading.IsCancellationRequested)
            {
                try
                {
                    liveness.Starting("running a cycle", LoopLiveness.WorkLimit);
                    await cycle.RunAsync(leading.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException and not LeaseLostException and not WriteRefusedException)
                {
                    // AWS or the state table failed mid-cycle: level-triggered, the next cycle starts over.
                    LogCycleFailed(logger, e);
                }

                liveness.Starting("waiting for the next cycle", PollWait);
                var reason = await trigger.WaitAsync(options.PollInterval, options.Jitter, leading.Token);
                LogCycleTriggered(logger, reason);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && (leadership.Lost.IsCancellationRequested || leading.IsCancellationRequested || e is LeaseLostException or WriteRefusedException))
        {
            LogLeadershipLost(logger, leadership.Stack, leadership.FencingToken);

            // The fence or the gate can notice the loss before the elector does; wait for the
            // elector, or the same (lost) term would be handed back at once.
            liveness.Starting("waiting for the lost lease to lapse", options.Lease.LeaseDuration);
            // (The rollout ticker cancels the cycles when its fenced write is refused.)
            using var lapse = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
            await WhenCancelledAsync(lapse.Token);
        }
        finally
        {
            await leading.CancelAsync();
            await ticking;
        }
    }

    // The longest wait between cycles: the interval and its jitter.
    private TimeSpan PollWait => options.PollInterval * (1 + options.Jitter);

    // The lease lives in the state table; until AWS answers there is nothing to contest.
    private async Task EnsureStateTableAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                liveness.Starting("creating the state table", LoopLiveness.WorkLimit);
                await daemon.State.EnsureTableAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStateTableUnavailable(logger, e.Message, e);
                await Task.Delay(options.Lease.RetryPeriod * 5, time, stoppingToken);
            }
        }
    }

    private static async Task WhenCancelledAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
            // Expected: the term ended or the process is stopping.
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Leading stack {Stack} with fencing token {Token}: reconciling")]
    private static partial void LogLeading(ILogger logger, string stack, long token);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Lost the lease of stack {Stack} (token {Token}): stopped writing, standing by")]
    private static partial void LogLeadershipLost(ILogger logger, string stack, long token);

    // The exception itself is logged, not only its message: its type, inner exceptions and stack
    // trace are what tells an AWS outage from a bug.
    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Cycle failed; the next cycle starts over")]
    private static partial void LogCycleFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The state table cannot be read or created yet: {Error}; trying again")]
    private static partial void LogStateTableUnavailable(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Cycle triggered by {Reason}")]
    private static partial void LogCycleTriggered(ILogger logger, string reason);
}
