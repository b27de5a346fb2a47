using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller.Drift;
using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Tests.Drift;

/// <summary>A tracker on a fake clock and an in-memory store, with a recording sink and the log sink.</summary>
internal sealed class TrackerUnderTest
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public TrackerUnderTest(IAlertStore? store = null, DriftOptions? options = null, IAlertSink? extraSink = null)
    {
        Store = store ?? new InMemoryAlertStore();
        IAlertSink[] sinks = extraSink is null
            ? [Sink, new LogAlertSink(Log)]
            : [extraSink, Sink, new LogAlertSink(Log)];
        Tracker = new DriftTracker(Store, sinks, options ?? new DriftOptions(), Time, Log);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public IAlertStore Store { get; }

    public RecordingSink Sink { get; } = new();

    public CapturingLogger Log { get; } = new();

    public DriftTracker Tracker { get; }

    /// <summary>One cycle at revision <paramref name="revision"/>; <paramref name="applied"/> lists the changes the loop applied.</summary>
    public Task<DriftReport> ObserveAsync(Plan plan, string revision = "3f2c1e0", params ResourceKey[] applied) =>
        Tracker.ObserveAsync(plan, revision, applied.ToHashSet(), CancellationToken.None);
}
