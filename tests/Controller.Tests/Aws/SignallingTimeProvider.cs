using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>
/// A fake clock that tells the test each time code under test starts a timer (a backoff
/// wait, an attempt timeout), so the test advances time exactly when something waits on it
/// instead of guessing with real sleeps.
/// </summary>
internal sealed class SignallingTimeProvider : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (bounded by real time) for the next timer whose due time matches, skipping others.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(timeout.Token);
            if (match(due))
            {
                return due;
            }
        }
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
