namespace Reconciler.Controller.Aws;

/// <summary>
/// One service's token bucket with an adaptive rate (AIMD, like the AWS SDKs' "adaptive"
/// retry mode): a throttling answer multiplies the rate by the decrease factor (down to the
/// floor); each quiet period without throttling adds a step back, up to the configured rate.
/// The bucket's capacity scales with the rate, so a throttled service gets no full burst.
/// <para>
/// Waiting is by reservation: a request takes its token at once, letting the balance go
/// negative, and sleeps until the debt ahead of it is paid; that keeps waiters in order with
/// one timer each instead of all of them waking and racing. Rates only change lazily, when
/// the bucket is used or read, so it needs no timer of its own.
/// </para>
/// Thread-safe.
/// </summary>
internal sealed class AwsServiceBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _configuredRate;
    private readonly double _floor;
    private readonly double _decrease;
    private readonly double _step;
    private readonly int _burst;
    private readonly long _quietTicks;
    private double _rate;
    private double _tokens;
    private long _refilledAt;
    private long _nextRecoveryAt;
    private long _generation;
    private long _throttled;
    private long _delayed;

    public AwsServiceBucket(string service, AwsServiceBudget budget, AwsBudgetOptions options, TimeProvider time)
    {
        Service = service;
        _time = time;
        _configuredRate = budget.RequestsPerSecond;
        _burst = budget.Burst;
        _floor = Math.Min(options.MinimumRate, _configuredRate);
        _decrease = options.DecreaseFactor;
        _step = options.RecoveryStep * _configuredRate;
        _quietTicks = (long)(options.QuietPeriod.TotalSeconds * time.TimestampFrequency);
        _rate = _configuredRate;
        // Start full: a fresh process may send its first burst at once.
        _tokens = _burst;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>The service's signing name.</summary>
    public string Service { get; }

    /// <summary>
    /// Counts rate cuts: a request carries the generation it was admitted in, and only a
    /// throttling answer to a request admitted at the current rate cuts it again.
    /// </summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>The current state, for metrics.</summary>
    public AwsServiceBudgetSnapshot Snapshot()
    {
        lock (_gate)
        {
            Advance(_time.GetTimestamp());
            return new AwsServiceBudgetSnapshot(
                Service, _configuredRate, _rate, _burst, Interlocked.Read(ref _throttled), Interlocked.Read(ref _delayed));
        }
    }

    /// <summary>Waits until a request may be sent; returns the generation it was admitted in.</summary>
    public async ValueTask<long> AcquireAsync(CancellationToken cancellationToken)
    {
        var counted = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            long generation;
            lock (_gate)
            {
                Advance(_time.GetTimestamp());
                _tokens -= 1;
                generation = _generation;
                if (_tokens >= 0)
                {
                    return generation;
                }

                wait = TimeSpan.FromSeconds(-_tokens / _rate);
            }

            if (!counted)
            {
                Interlocked.Increment(ref _delayed);
                counted = true;
            }

            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The request is not sent: its turn goes to the next one.
                Refund();
                throw;
            }

            lock (_gate)
            {
                if (_generation == generation)
                {
                    return generation;
                }
            }

            // The rate was cut while this request waited: its turn was reckoned at the old
            // rate, so it queues again at the new one rather than adding to the storm.
            Refund();
        }
    }

    /// <summary>Records a throttling answer to a request admitted in <paramref name="generation"/>.</summary>
    public void Throttled(long generation)
    {
        Interlocked.Increment(ref _throttled);
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            Advance(now);
            // Any throttling restarts the quiet period, including answers that do not cut.
            _nextRecoveryAt = now + _quietTicks;
            if (generation != _generation)
            {
                // Sent before the last cut: it reports on the old rate, which is cut already.
                // Without this, one throttled burst would halve the rate once per request.
                return;
            }

            _rate = Math.Max(_floor, _rate * _decrease);
            _tokens = Math.Min(_tokens, Capacity);
            _generation++;
        }
    }

    private double Capacity => Math.Max(1, _burst * _rate / _configuredRate);

    private void Refund()
    {
        lock (_gate)
        {
            Advance(_time.GetTimestamp());
            _tokens = Math.Min(Capacity, _tokens + 1);
        }
    }

    // Brings the rate and the tokens up to now; the rate steps up at each quiet-period
    // boundary, so tokens are refilled piecewise at the rate that held in each stretch.
    private void Advance(long now)
    {
        while (_rate < _configuredRate && now >= _nextRecoveryAt)
        {
            Refill(_nextRecoveryAt);
            _rate = Math.Min(_configuredRate, _rate + _step);
            _nextRecoveryAt += _quietTicks;
        }

        Refill(now);
    }

    private void Refill(long until)
    {
        if (until <= _refilledAt)
        {
            return;
        }

        var seconds = (until - _refilledAt) / (double)_time.TimestampFrequency;
        _tokens = Math.Min(Capacity, _tokens + (seconds * _rate));
        _refilledAt = until;
    }
}
