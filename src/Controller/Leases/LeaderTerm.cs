namespace Reconciler.Controller.Leases;

/// <summary>
/// One term of leadership: the record last written, the <see cref="Leadership"/> handed out,
/// and the renew deadline as a timer on the injected clock. The timer, not the elector's loop,
/// ends the term, so leadership is given up on time even while a renew hangs on the network.
/// </summary>
internal sealed class LeaderTerm
{
    private readonly CancellationTokenSource _lost = new();
    private readonly ITimer _deadline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _renewDeadline;
    private string? _lostReason;
    private long _lastWriteSentAt;

    /// <summary>Creates a term whose deadline is not armed yet; call <see cref="Extend"/>.</summary>
    /// <param name="record">The record this replica wrote to acquire the lease.</param>
    /// <param name="fence">The fence of this term's writes.</param>
    /// <param name="renewDeadline">How long leadership lasts after a successful write was sent.</param>
    /// <param name="time">The clock of the deadline.</param>
    /// <param name="onDeadline">Called (on a timer thread) when the deadline passes.</param>
    public LeaderTerm(LeaseRecord record, LeaseFence fence, TimeSpan renewDeadline, TimeProvider time, Action<LeaderTerm> onDeadline)
    {
        Record = record;
        _time = time;
        _renewDeadline = renewDeadline;
        Leadership = new Leadership(fence, _lost.Token);
        _deadline = time.CreateTimer(static state => ((Action)state!)(), (Action)(() => onDeadline(this)), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The record as this replica last wrote it.</summary>
    public LeaseRecord Record { get; private set; }

    /// <summary>What the term's work holds.</summary>
    public Leadership Leadership { get; }

    /// <summary>Whether the term has ended.</summary>
    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Why the term ended; null while it lasts.</summary>
    public string? LostReason => Volatile.Read(ref _lostReason);

    /// <summary>Time left before the deadline ends the term.</summary>
    public TimeSpan Remaining => _renewDeadline - _time.GetElapsedTime(Volatile.Read(ref _lastWriteSentAt));

    /// <summary>
    /// Records a successful write of <paramref name="record"/> sent at
    /// <paramref name="writeSentAt"/> and moves the deadline to RenewDeadline after that send.
    /// Counting from the send, not the answer, is the safe side: standbys see the change no
    /// earlier than it was sent. False when that deadline has already passed.
    /// </summary>
    public bool Extend(LeaseRecord record, long writeSentAt)
    {
        Record = record;
        Volatile.Write(ref _lastWriteSentAt, writeSentAt);
        var remaining = Remaining;
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        _deadline.Change(remaining, Timeout.InfiniteTimeSpan);
        return !IsLost;
    }

    /// <summary>
    /// Ends the term: stops the deadline and cancels <see cref="Leadership.Lost"/>. The first
    /// reason given is kept. Safe to call more than once and from any thread.
    /// </summary>
    public void End(string reason)
    {
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is not null)
        {
            return;
        }

        _deadline.Dispose();
        // Not disposed: work may still register on the token after the term ended.
        _lost.Cancel();
    }
}
