using System.Diagnostics.Metrics;
using Reconciler.Controller.Leases;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Leases;

/// <summary>
/// Replicas electing a leader through the real DynamoDB API (moto), on fake clocks with the
/// default options: LeaseDuration 15 s, RenewDeadline 10 s, RetryPeriod 2 s, jitter up to 20 %.
/// </summary>
public sealed class LeaderElectionTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>
{
    private static readonly LeaseOptions Defaults = new();
    private static readonly TimeSpan LongestRetry = Defaults.RetryPeriod * (1 + Defaults.RetryJitter);

    [Fact]
    public async Task TwoElectors_OnOneStack_ExactlyOneLeads_AndBothSeeIt()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        await cluster.StartAsync("a");
        await cluster.StartAsync("b");

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(40), cluster.AssertAtMostOneLeader);

        var leader = Assert.Single(cluster.Leaders);
        Assert.Equal("a", leader.Name);
        Assert.All(cluster.Candidates, c => Assert.Equal(new LeaderObservation("a", 1), c.Elector.CurrentLeader));
    }

    [Fact]
    public async Task ThreeElectors_OnOneStack_ExactlyOneLeads_WithoutChangingHands()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var first = await cluster.StartAsync("a");
        await cluster.StartAsync("b");
        await cluster.StartAsync("c");

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(40), cluster.AssertAtMostOneLeader);

        Assert.Same(first, Assert.Single(cluster.Leaders));
        Assert.Equal([1L], first.Terms.Select(t => t.Token));
        Assert.Equal("1", (await cluster.ReadLeaseItemAsync())["fencingToken"].N);
        Assert.All(cluster.Candidates, c => Assert.Equal(["a"], c.NewLeaders));
    }

    [Fact]
    public async Task KilledLeader_IsReplaced_OnlyAfterLeaseDurationOfTheStandbysClock_AndWithinOneRetryMore()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var dead = await cluster.StartAsync("a");
        await dead.KillAsync();

        // The standby's first look is now: from here the lease must stay unchanged for
        // LeaseDuration on its clock, and it looks again at most RetryPeriod × 1.2 later.
        var standby = await cluster.StartAsync("b");
        Assert.Equal(new LeaderObservation("a", 1), standby.Elector.CurrentLeader);
        var waited = await cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, TimeSpan.FromSeconds(30));

        Assert.InRange(waited, Defaults.LeaseDuration, Defaults.LeaseDuration + LongestRetry);
        Assert.Equal(2, standby.Elector.Leadership!.FencingToken);
    }

    [Fact]
    public async Task PausedLeader_IsReplaced_NoSoonerThanLeaseDurationAfterItsLastRenew()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a");
        var standby = await cluster.StartAsync("b");

        // Renews go out every 2 s exactly, so the last one before the stop at 5 s is at 4 s.
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(5));
        await leader.KillAsync();
        var lastRenew = TimeSpan.FromSeconds(4);
        var waited = await cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, TimeSpan.FromSeconds(30));

        var tookOverAt = TimeSpan.FromSeconds(5) + waited;
        // The standby may have seen the last renew up to one retry late, then needs up to one
        // more retry to notice the expiry.
        Assert.InRange(tookOverAt, lastRenew + Defaults.LeaseDuration, TimeSpan.FromSeconds(5) + Defaults.LeaseDuration + (2 * LongestRetry));
        Assert.Equal(2, standby.Elector.Leadership!.FencingToken);
    }

    [Fact]
    public async Task LeaderWhoseRenewsHang_StopsLeadingAtTheRenewDeadline_BeforeAStandbyMayTakeOver()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a");
        var standby = await cluster.StartAsync("b");
        leader.Network.Fault = NetworkFault.Hang;
        leader.Settles = false;

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(25), cluster.AssertAtMostOneLeader);

        // Acquired at 0 and never renewed: the deadline timer ends the term at exactly 10 s
        // while the renew call is still hanging.
        var term = Assert.Single(leader.Terms);
        Assert.Equal(Defaults.RenewDeadline, term.LostAt);
        await LeaseCluster.EventuallyAsync(() => !leader.Stopped.IsEmpty, "OnStoppedLeading of the hung leader");
        Assert.False(leader.Elector.IsLeader);
        var successor = Assert.Single(standby.Terms);
        Assert.InRange(successor.StartedAt, Defaults.LeaseDuration, Defaults.LeaseDuration + LongestRetry);
        Assert.Equal(2, successor.Token);
    }

    [Fact]
    public async Task LeaderWhoseRenewsAreThrottled_StopsLeadingAtTheRenewDeadline_BeforeAStandbyMayTakeOver()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a");
        var standby = await cluster.StartAsync("b");
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3));
        leader.Network.Fault = NetworkFault.Throttle;

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(25), cluster.AssertAtMostOneLeader);

        // The last renew that went through was sent at 2 s.
        var term = Assert.Single(leader.Terms);
        Assert.Equal(TimeSpan.FromSeconds(2) + Defaults.RenewDeadline, term.LostAt);
        Assert.True(term.LostAt < TimeSpan.FromSeconds(2) + Defaults.LeaseDuration);
        Assert.Equal([TimeSpan.FromSeconds(12)], leader.Stopped);
        Assert.Equal(2, Assert.Single(standby.Terms).Token);
    }

    [Fact]
    public async Task CleanShutdown_ReleasesTheLease_AndAStandbyTakesOverAtItsNextRetry()
    {
        var metrics = new LeaseMetrics();
        var transitions = new Dictionary<string, long>();
        using var listener = ListenTo(metrics, transitions);
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a", metrics: metrics);
        var standby = await cluster.StartAsync("b", metrics: metrics);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3));

        await leader.StopAsync();

        Assert.Equal([TimeSpan.FromSeconds(3)], leader.Stopped);
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(leader.Terms).LostAt);
        var item = await cluster.ReadLeaseItemAsync();
        Assert.Equal(("", "1"), (item["holder"].S, item["fencingToken"].N));
        var waited = await cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, LongestRetry);
        Assert.InRange(waited, TimeSpan.Zero, LongestRetry);
        Assert.Equal(2, standby.Elector.Leadership!.FencingToken);
        Assert.Equal(new LeaderObservation("b", 2), standby.Elector.CurrentLeader);
        Assert.Equal(["a", "b"], standby.NewLeaders);
        Assert.Equal(
            new Dictionary<string, long> { ["acquired"] = 2, ["released"] = 1, ["observed_new_leader"] = 3 },
            transitions);
    }

    [Fact]
    public async Task WaitForLeadership_ReturnsTheCurrentTerm_AndForAStandbyCompletesWhenItTakesOver()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a");
        var standby = await cluster.StartAsync("b");
        var current = await leader.Elector.WaitForLeadershipAsync(CancellationToken.None);
        var waiting = standby.Elector.WaitForLeadershipAsync(CancellationToken.None);

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.False(waiting.IsCompleted);
        await leader.StopAsync();
        await cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, LongestRetry);
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(("a", 1L), (current.Holder, current.FencingToken));
        Assert.True(current.Lost.IsCancellationRequested);
        Assert.Equal(("b", 2L, cluster.Stack), (next.Holder, next.FencingToken, next.Stack));
        Assert.False(next.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task FrozenLeader_WakingPastItsRenewDeadline_MayNotWrite_EvenBeforeItsTimerRuns()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a");
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.True(leader.Elector.MayWrite);

        cluster.Clock.Jump(Defaults.RenewDeadline);

        Assert.True(leader.Elector.IsLeader);
        Assert.False(leader.Elector.MayWrite);
        cluster.Clock.Advance(TimeSpan.Zero);
        Assert.False(leader.Elector.IsLeader);
        Assert.Equal(Defaults.RenewDeadline + TimeSpan.FromSeconds(1), Assert.Single(leader.Terms).LostAt);
    }

    [Fact]
    public async Task FencingTokens_OnlyGrow_AcrossAcquisitionsByAnyReplica()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var a = await cluster.StartAsync("a");
        var b = await cluster.StartAsync("b");
        await a.StopAsync();
        await cluster.AdvanceUntilAsync(() => b.Elector.IsLeader, LongestRetry);
        var c = await cluster.StartAsync("c");
        await b.KillAsync();
        await cluster.AdvanceUntilAsync(() => c.Elector.IsLeader, TimeSpan.FromSeconds(30));
        var again = await cluster.StartAsync("a-again");
        await c.StopAsync();
        await cluster.AdvanceUntilAsync(() => again.Elector.IsLeader, LongestRetry);

        var tokens = cluster.Candidates.SelectMany(x => x.Terms).OrderBy(t => t.StartedAt).Select(t => t.Token);
        Assert.Equal([1L, 2L, 3L, 4L], tokens);
        Assert.Equal("4", (await cluster.ReadLeaseItemAsync())["fencingToken"].N);
    }

    private static MeterListener ListenTo(LeaseMetrics metrics, Dictionary<string, long> counts)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "transition")
                {
                    lock (counts)
                    {
                        counts[(string)tag.Value!] = counts.GetValueOrDefault((string)tag.Value!) + value;
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }
}
