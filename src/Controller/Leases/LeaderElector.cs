using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Leases;

/// <summary>
/// Elects one leader per stack among controller replicas, like client-go's leaderelection, on
/// conditional writes to the lease item in the state table (see <see cref="LeaseOptions"/>).
/// <para>
/// <see cref="RunAsync"/> loops: as a standby it reads the lease every RetryPeriod (jittered)
/// and takes it when it is free, its own, released, or has not changed for LeaseDuration on
/// this replica's monotonic clock; wall-clock times of other machines are never compared.
/// As leader it renews every RetryPeriod; if no renew succeeds within RenewDeadline of the
/// last successful one it cancels <see cref="Leadership.Lost"/> before the lease can expire
/// for others, then goes back to standing by. On a clean shutdown it releases the lease so a
/// standby takes over at its next retry.
/// </para>
/// <para>
/// The table must exist (<see cref="StateStore.EnsureTableAsync"/>). One elector per stack
/// and process; <see cref="RunAsync"/> runs once.
/// </para>
/// </summary>
public sealed class LeaderElector
{
    private readonly LeaseTable _table;
    private readonly string _tableName;
    private readonly string _stack;
    private readonly LeaseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeaseMetrics _metrics;
    private readonly LeaderCallbacks _callbacks;
    private readonly Lock _gate = new();

    // What this replica last read or wrote, and when (its own monotonic clock) it saw it change.
    private LeaseRecord? _observed;
    private long _observedChangeAt;

    private LeaderTerm? _term;
    private TaskCompletionSource<Leadership> _nextLeadership = NewSignal();
    private long _parkedUntil;

    /// <summary>Creates an elector; validates <paramref name="options"/> first.</summary>
    /// <param name="dynamoDb">The client of the state table.</param>
    /// <param name="table">The state table.</param>
    /// <param name="stack">The stack whose lease is contested.</param>
    /// <param name="options">Durations and this replica's identity.</param>
    /// <param name="time">The clock of every wait, deadline and expiry judgement.</param>
    /// <param name="logger">Where transitions are logged.</param>
    /// <param name="metrics">Where transitions are counted; <see cref="LeaseMetrics.Shared"/> when null.</param>
    /// <param name="callbacks">What to call on transitions.</param>
    /// <exception cref="LeaseOptionsException">The options are invalid.</exception>
    public LeaderElector(
        IAmazonDynamoDB dynamoDb,
        StateTableOptions table,
        string stack,
        LeaseOptions options,
        TimeProvider time,
        ILogger<LeaderElector>? logger = null,
        LeaseMetrics? metrics = null,
        LeaderCallbacks? callbacks = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        options.ThrowIfInvalid();
        _tableName = table.TableName;
        _stack = stack;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<LeaderElector>.Instance;
        _metrics = metrics ?? LeaseMetrics.Shared;
        _callbacks = callbacks ?? new LeaderCallbacks();
        _table = new LeaseTable(dynamoDb, table.TableName, stack);
    }

    /// <summary>This replica's identity in the lease.</summary>
    public string Identity => _options.HolderIdentity;

    /// <summary>The stack whose lease is contested.</summary>
    public string Stack => _stack;

    /// <summary>Whether this replica leads now (false from the moment its term's Lost is cancelled).</summary>
    public bool IsLeader => Volatile.Read(ref _term) is { IsLost: false };

    /// <summary>
    /// Whether this replica may send a write now: it leads and its renew deadline, computed
    /// from its clock at this moment, has not passed. Unlike <see cref="IsLeader"/> this does
    /// not wait for the deadline timer to run, so a process frozen past its deadline (SIGSTOP,
    /// a long GC) refuses its first write after waking. The time to spare is LeaseDuration −
    /// RenewDeadline (5 s by default): a write sent before the deadline has that long to land
    /// before any standby may take the lease. Writes to the state table are fenced besides
    /// (<see cref="FencedWriter"/>); AWS writes have only this check.
    /// </summary>
    public bool MayWrite => Volatile.Read(ref _term) is { IsLost: false } term && term.Remaining > TimeSpan.Zero;

    /// <summary>The current term's leadership while this replica leads; null otherwise.</summary>
    public Leadership? Leadership => Volatile.Read(ref _term) is { IsLost: false } term ? term.Leadership : null;

    /// <summary>
    /// The holder and token of the lease as this replica last read or wrote it; null when the
    /// stack has no lease or it was released. Standbys keep this up to date every retry.
    /// </summary>
    public LeaderObservation? CurrentLeader
    {
        get
        {
            lock (_gate)
            {
                return _observed is { IsReleased: false } record ? new LeaderObservation(record.Holder, record.FencingToken) : null;
            }
        }
    }

    /// <summary>
    /// For tests on a fake clock: the <see cref="TimeProvider.GetTimestamp"/> value until which
    /// the loop sleeps, or 0 while it works (calls DynamoDB, runs callbacks) or has stopped.
    /// </summary>
    internal long ParkedUntil => Volatile.Read(ref _parkedUntil);

    /// <summary>
    /// Completes when this replica leads: at once with the current term, or with the next one.
    /// The returned leadership may already be lost by the time the caller looks; check
    /// <see cref="Leadership.Lost"/> and call again.
    /// </summary>
    public async Task<Leadership> WaitForLeadershipAsync(CancellationToken cancellationToken)
    {
        Task<Leadership> next;
        lock (_gate)
        {
            if (_term is { IsLost: false } term)
            {
                return term.Leadership;
            }

            next = _nextLeadership.Task;
        }

        return await next.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stands by and leads until <paramref name="cancellationToken"/> is cancelled, then
    /// releases the lease if it leads (<see cref="LeaseOptions.ReleaseOnShutdown"/>) and returns.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var term = await AcquireAsync(cancellationToken);
                await LeadAsync(term, cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: a call cut short may surface as the SDK's own exception rather than an
            // OperationCanceledException. A term in progress was already ended by LeadAsync.
        }
        finally
        {
            Volatile.Write(ref _parkedUntil, 0);
        }
    }

    /// <summary>Tries at once, then every RetryPeriod (jittered), until this replica holds the lease.</summary>
    private async Task<LeaderTerm> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryAcquireAsync(cancellationToken) is { } term)
            {
                return term;
            }

            var jitter = Random.Shared.NextDouble() * _options.RetryJitter;
            await ParkAsync(_options.RetryPeriod * (1 + jitter), cancellationToken);
        }
    }

    private async Task<LeaderTerm?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        // A hung call must not stop a standby from observing (or the leader-to-be from giving
        // up) for ever; the SDK's own timeouts are per attempt and run on the real clock.
        using var attempt = new CancellationTokenSource(_options.RenewDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        try
        {
            var current = await _table.ReadAsync(linked.Token);
            Observe(current);
            if (current is not null && !MayTake(current))
            {
                return null;
            }

            var writeSentAt = _time.GetTimestamp();
            var now = _time.GetUtcNow();
            var next = current is null
                ? LeaseRecord.First(Identity, _options.LeaseDuration, now)
                : current.AcquiredBy(Identity, _options.LeaseDuration, now);
            if (!await _table.TryWriteAsync(next, current, linked.Token))
            {
                // Another replica wrote first; the next read shows who.
                return null;
            }

            Observe(next);
            return StartTerm(next, writeSentAt);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LeaseLog.AcquireFailed(_logger, exception, Identity, _stack);
            return null;
        }
    }

    /// <summary>
    /// Whether this replica may take <paramref name="current"/>: it was released, it is this
    /// replica's own (from a term that ended), or it has not changed for the lease duration on
    /// this replica's clock. The longer of the holder's and this replica's durations counts, so
    /// a replica configured shorter never cuts a holder's promise short.
    /// </summary>
    private bool MayTake(LeaseRecord current)
    {
        if (current.IsReleased || string.Equals(current.Holder, Identity, StringComparison.Ordinal))
        {
            return true;
        }

        var duration = current.LeaseDuration > _options.LeaseDuration ? current.LeaseDuration : _options.LeaseDuration;
        long changedAt;
        lock (_gate)
        {
            changedAt = _observedChangeAt;
        }

        return _time.GetElapsedTime(changedAt) >= duration;
    }

    private LeaderTerm? StartTerm(LeaseRecord record, long writeSentAt)
    {
        var fence = new LeaseFence(_tableName, _stack, Identity, record.FencingToken);
        var term = new LeaderTerm(record, fence, _options.RenewDeadline, _time, t => t.End("no renew succeeded within the renew deadline"));
        if (!term.Extend(record, writeSentAt))
        {
            // The write took longer than RenewDeadline: too late to act on it safely. The lease
            // names this replica, so the next attempt retakes it at once with a new token.
            term.End("the acquiring write took longer than the renew deadline");
            return null;
        }

        TaskCompletionSource<Leadership> signal;
        lock (_gate)
        {
            // Waiters from now on get this term directly, and after it the next one's signal.
            _term = term;
            signal = _nextLeadership;
            _nextLeadership = NewSignal();
        }

        _metrics.Record(LeaseTransition.Acquired, _stack);
        LeaseLog.Acquired(_logger, Identity, _stack, record.FencingToken);
        Invoke(_callbacks.OnStartedLeading, term.Leadership);
        signal.TrySetResult(term.Leadership);
        return term;
    }

    /// <summary>Renews every RetryPeriod until the term ends or shutdown; then ends it and tells why.</summary>
    private async Task LeadAsync(LeaderTerm term, CancellationToken cancellationToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term.Leadership.Lost);
        var reason = "shutdown";
        try
        {
            reason = await RenewUntilLostAsync(term, leading.Token);
        }
        catch (Exception) when (leading.IsCancellationRequested)
        {
            // The deadline or shutdown cut a wait or a renew short (the SDK may wrap the cancellation).
            reason = term.LostReason ?? "shutdown";
        }

        var shutdown = cancellationToken.IsCancellationRequested && !term.IsLost;
        term.End(reason);
        lock (_gate)
        {
            _term = null;
        }

        if (shutdown && _options.ReleaseOnShutdown)
        {
            await ReleaseAsync(term);
        }
        else
        {
            _metrics.Record(LeaseTransition.Lost, _stack);
            LeaseLog.Lost(_logger, Identity, _stack, term.Record.FencingToken, term.LostReason ?? reason);
        }

        Invoke(_callbacks.OnStoppedLeading);
    }

    /// <summary>Renews until a renew finds the lease changed by another replica; returns why the term ended.</summary>
    private async Task<string> RenewUntilLostAsync(LeaderTerm term, CancellationToken leading)
    {
        while (true)
        {
            await ParkAsync(_options.RetryPeriod, leading);
            var writeSentAt = _time.GetTimestamp();
            var next = term.Record.Renewed(_time.GetUtcNow());
            bool written;
            try
            {
                written = await _table.TryWriteAsync(next, term.Record, leading);
            }
            catch (Exception exception) when (!leading.IsCancellationRequested)
            {
                // Keep trying until the deadline timer ends the term.
                LeaseLog.RenewFailed(_logger, exception, Identity, _stack, (long)term.Remaining.TotalMilliseconds);
                continue;
            }

            if (!written)
            {
                return "another replica changed the lease";
            }

            Observe(next);
            if (!term.Extend(next, writeSentAt))
            {
                return term.LostReason ?? "the renew succeeded only after the renew deadline";
            }
        }
    }

    /// <summary>Gives the lease up, on the condition that it is still as this replica last wrote it.</summary>
    private async Task ReleaseAsync(LeaderTerm term)
    {
        // Shutdown cancelled the caller's token; the release gets a short budget of its own.
        using var budget = new CancellationTokenSource(_options.RetryPeriod, _time);
        var released = term.Record.Released(_time.GetUtcNow());
        try
        {
            if (await _table.TryWriteAsync(released, term.Record, budget.Token))
            {
                Observe(released);
                _metrics.Record(LeaseTransition.Released, _stack);
                LeaseLog.Released(_logger, Identity, _stack, term.Record.FencingToken);
                return;
            }

            LeaseLog.ReleaseFailed(_logger, null, Identity, _stack);
        }
        catch (Exception exception)
        {
            LeaseLog.ReleaseFailed(_logger, exception, Identity, _stack);
        }

        // Not released, but no longer leading either: count it as lost.
        _metrics.Record(LeaseTransition.Lost, _stack);
    }

    /// <summary>Notes what was read or written: when it changed (this replica's clock) and whether the holder changed.</summary>
    private void Observe(LeaseRecord? record)
    {
        string? newLeader = null;
        lock (_gate)
        {
            if (record is null)
            {
                return;
            }

            if (_observed?.Version != record.Version)
            {
                _observedChangeAt = _time.GetTimestamp();
            }

            if (!record.IsReleased && !string.Equals(_observed?.Holder, record.Holder, StringComparison.Ordinal))
            {
                newLeader = record.Holder;
            }

            _observed = record;
        }

        if (newLeader is not null)
        {
            _metrics.Record(LeaseTransition.ObservedNewLeader, _stack);
            LeaseLog.NewLeader(_logger, _stack, newLeader, record.FencingToken);
            Invoke(_callbacks.OnNewLeader, newLeader);
        }
    }

    /// <summary>Sleeps on the injected clock; <see cref="ParkedUntil"/> says until when.</summary>
    private async Task ParkAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _parkedUntil, _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency));
        // Cleared as soon as the wait is cancelled, before the loop's continuation runs, so a
        // test stepping the clock does not mistake a woken loop for a sleeping one.
        using var wake = cancellationToken.Register(static state => Volatile.Write(ref ((LeaderElector)state!)._parkedUntil, 0), this);
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _parkedUntil, 0);
        }
    }

    private void Invoke(Action? callback)
    {
        try
        {
            callback?.Invoke();
        }
        catch (Exception exception)
        {
            LeaseLog.CallbackFailed(_logger, exception, _stack);
        }
    }

    private void Invoke<T>(Action<T>? callback, T argument)
    {
        try
        {
            callback?.Invoke(argument);
        }
        catch (Exception exception)
        {
            LeaseLog.CallbackFailed(_logger, exception, _stack);
        }
    }

    private static TaskCompletionSource<Leadership> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
