using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drift;
using Reconciler.Model.Stacks;
using static Reconciler.Controller.Tests.Drift.DriftPlans;

namespace Reconciler.Controller.Tests.Drift;

public sealed class DriftTrackerTests
{
    [Fact]
    public async Task Observe_FirstDrift_SendsOneNewAlert()
    {
        var t = new TrackerUnderTest();

        var report = await t.ObserveAsync(Plan(CidrDrift()));

        var notification = Assert.Single(report.Notifications);
        Assert.Equal(DriftNotificationKind.New, notification.Kind);
        Assert.Equal(TrackerUnderTest.Start, notification.SentAt);
        var alert = notification.Alert;
        Assert.Equal(("dev", Vpc, "3f2c1e0", DriftPolicy.Alert, false), (alert.Stack, alert.Key, alert.Revision, alert.Policy, alert.Healed));
        Assert.Equal([new DriftField("cidrBlock", "\"10.0.0.0/16\"", "\"10.1.0.0/16\"")], alert.Fields);
        Assert.Equal(TrackerUnderTest.Start, alert.FirstSeen);
        Assert.Equal([alert], report.Open);
        Assert.Equal([alert], await t.Store.ListAsync("dev", CancellationToken.None));
    }

    [Fact]
    public async Task Observe_FirstDrift_LogsWarningWithFieldsAndRevision()
    {
        var t = new TrackerUnderTest();

        await t.ObserveAsync(Plan(CidrDrift()));

        var entry = Assert.Single(t.Log.Entries);
        Assert.Equal((LogLevel.Warning, 4101), (entry.Level, entry.EventId));
        Assert.Equal(
            "Drift detected: Vpc/main in stack dev differs from revision 3f2c1e0 (policy alert): cidrBlock: desired \"10.0.0.0/16\", live \"10.1.0.0/16\"",
            entry.Message);
    }

    [Fact]
    public async Task Observe_SameDriftNextCycle_SendsNothing()
    {
        var t = new TrackerUnderTest();
        await t.ObserveAsync(Plan(CidrDrift()));
        t.Time.Advance(TimeSpan.FromMinutes(1));

        var report = await t.ObserveAsync(Plan(CidrDrift()));

        Assert.Empty(report.Notifications);
        Assert.Single(report.Open);
        Assert.Single(t.Log.Entries);
    }

    [Fact]
    public async Task Observe_SameDriftNextCycle_WritesNothing()
    {
        var store = new InMemoryAlertStore();
        var t = new TrackerUnderTest(store);
        await t.ObserveAsync(Plan(CidrDrift()));

        await t.ObserveAsync(Plan(CidrDrift()));

        Assert.Equal(1, store.Writes);
    }

    [Fact]
    public async Task Observe_AfterRepeatInterval_SendsOneRepeat()
    {
        var t = new TrackerUnderTest(options: new DriftOptions { RepeatInterval = TimeSpan.FromMinutes(30) });
        await t.ObserveAsync(Plan(CidrDrift()));
        t.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty((await t.ObserveAsync(Plan(CidrDrift()))).Notifications);
        t.Time.Advance(TimeSpan.FromMinutes(1));

        var repeat = await t.ObserveAsync(Plan(CidrDrift()), "9d8e7f6");
        t.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await t.ObserveAsync(Plan(CidrDrift()), "9d8e7f6");

        var notification = Assert.Single(repeat.Notifications);
        Assert.Equal(DriftNotificationKind.Repeat, notification.Kind);
        Assert.Equal(TrackerUnderTest.Start, notification.Alert.FirstSeen);
        Assert.Equal(TrackerUnderTest.Start.AddMinutes(30), notification.Alert.LastSent);
        Assert.Empty(after.Notifications);
        Assert.Equal(
            "Drift unresolved since 2026-11-26T12:00:00Z: Vpc/main in stack dev differs from revision 9d8e7f6 (policy alert): cidrBlock: desired \"10.0.0.0/16\", live \"10.1.0.0/16\"",
            t.Log.Entries[1].Message);
        Assert.Equal((LogLevel.Warning, 4102), (t.Log.Entries[1].Level, t.Log.Entries[1].EventId));
    }

    [Fact]
    public async Task Observe_DefaultRepeatInterval_IsOneHour()
    {
        var t = new TrackerUnderTest();
        await t.ObserveAsync(Plan(CidrDrift()));
        t.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty((await t.ObserveAsync(Plan(CidrDrift()))).Notifications);
        t.Time.Advance(TimeSpan.FromMinutes(1));

        var report = await t.ObserveAsync(Plan(CidrDrift()));

        Assert.Equal(DriftNotificationKind.Repeat, Assert.Single(report.Notifications).Kind);
    }

    [Fact]
    public async Task Observe_Resolved_SendsOneResolvedNoticeThenNothing()
    {
        var t = new TrackerUnderTest();
        await t.ObserveAsync(Plan(CidrDrift()));
        t.Time.Advance(TimeSpan.FromMinutes(5));

        var resolved = await t.ObserveAsync(Plan(InSync(Vpc)));
        var after = await t.ObserveAsync(Plan(InSync(Vpc)));

        var notification = Assert.Single(resolved.Notifications);
        Assert.Equal(DriftNotificationKind.Resolved, notification.Kind);
        Assert.Equal(TrackerUnderTest.Start.AddMinutes(5), notification.SentAt);
        Assert.Empty(resolved.Open);
        Assert.Empty(after.Notifications);
        Assert.Empty(await t.Store.ListAsync("dev", CancellationToken.None));
        var entry = t.Log.Entries[^1];
        Assert.Equal((LogLevel.Information, 4104), (entry.Level, entry.EventId));
        Assert.Equal("Drift resolved: Vpc/main in stack dev is in sync again", entry.Message);
    }

    [Fact]
    public async Task Observe_DifferentDriftOnSameResource_SendsNewAlert()
    {
        var t = new TrackerUnderTest();
        await t.ObserveAsync(Plan(CidrDrift("10.1.0.0/16")));
        t.Time.Advance(TimeSpan.FromMinutes(1));

        var report = await t.ObserveAsync(Plan(CidrDrift("10.9.0.0/16")));

        var notification = Assert.Single(report.Notifications);
        Assert.Equal(DriftNotificationKind.New, notification.Kind);
        Assert.Equal("\"10.9.0.0/16\"", Assert.Single(notification.Alert.Fields).Live);
        Assert.Equal(TrackerUnderTest.Start.AddMinutes(1), notification.Alert.FirstSeen);
        Assert.Single(report.Open);
    }

    [Fact]
    public async Task Observe_HealPolicy_SendsHealedNoticeThenResolved()
    {
        var t = new TrackerUnderTest();

        var healed = await t.ObserveAsync(Plan(CidrDrift(policy: DriftPolicy.Heal)), "3f2c1e0", Vpc);
        var resolved = await t.ObserveAsync(Plan(InSync(Vpc)));
        var after = await t.ObserveAsync(Plan(InSync(Vpc)));

        var notification = Assert.Single(healed.Notifications);
        Assert.Equal(DriftNotificationKind.Healed, notification.Kind);
        Assert.True(notification.Alert.Healed);
        Assert.Equal(DriftPolicy.Heal, notification.Alert.Policy);
        Assert.Equal(DriftNotificationKind.Resolved, Assert.Single(resolved.Notifications).Kind);
        Assert.Empty(after.Notifications);
        Assert.Equal(
            [
                "Drift healed: Vpc/main in stack dev was changed outside the controller and set back to revision 3f2c1e0: cidrBlock: desired \"10.0.0.0/16\", live \"10.1.0.0/16\"",
                "Drift resolved: Vpc/main in stack dev is in sync again",
            ],
            t.Log.Messages);
        Assert.Equal((LogLevel.Warning, 4103), (t.Log.Entries[0].Level, t.Log.Entries[0].EventId));
    }

    [Fact]
    public async Task Observe_StackHealPolicy_AppliesWhenResourceDoesNotOverride()
    {
        var t = new TrackerUnderTest();

        var report = await t.ObserveAsync(Plan(DriftPolicy.Heal, CidrDrift()), "3f2c1e0", Vpc);

        Assert.Equal(DriftNotificationKind.Healed, Assert.Single(report.Notifications).Kind);
    }

    [Fact]
    public async Task Observe_ResourceAlertPolicyOverridesStackHeal_ReportsDriftNotHealed()
    {
        var t = new TrackerUnderTest();

        var report = await t.ObserveAsync(Plan(DriftPolicy.Heal, CidrDrift(policy: DriftPolicy.Alert)), "3f2c1e0", Vpc);

        var notification = Assert.Single(report.Notifications);
        Assert.Equal((DriftNotificationKind.New, DriftPolicy.Alert), (notification.Kind, notification.Alert.Policy));
    }

    [Fact]
    public async Task Observe_HealPolicyButChangeNotApplied_ReportsDriftThenHealedOnceApplied()
    {
        var t = new TrackerUnderTest();

        var failed = await t.ObserveAsync(Plan(CidrDrift(policy: DriftPolicy.Heal)));
        var healed = await t.ObserveAsync(Plan(CidrDrift(policy: DriftPolicy.Heal)), "3f2c1e0", Vpc);
        var again = await t.ObserveAsync(Plan(CidrDrift(policy: DriftPolicy.Heal)), "3f2c1e0", Vpc);

        Assert.Equal((DriftNotificationKind.New, false), (Assert.Single(failed.Notifications).Kind, failed.Open[0].Healed));
        Assert.Equal(DriftNotificationKind.Healed, Assert.Single(healed.Notifications).Kind);
        Assert.Empty(again.Notifications);
    }

    [Fact]
    public async Task Observe_ResourceLeavesThePlan_ResolvesItsAlert()
    {
        var t = new TrackerUnderTest();
        await t.ObserveAsync(Plan(CidrDrift(), InSync(Subnet)));

        var report = await t.ObserveAsync(Plan(InSync(Subnet)));

        var notification = Assert.Single(report.Notifications);
        Assert.Equal((DriftNotificationKind.Resolved, Vpc), (notification.Kind, notification.Alert.Key));
    }

    [Fact]
    public async Task Observe_DocumentChangedWhileDrifted_KeepsAlertOpenQuietly()
    {
        var t = new TrackerUnderTest();
        await t.ObserveAsync(Plan(CidrDrift()));
        t.Time.Advance(TimeSpan.FromHours(2));

        var report = await t.ObserveAsync(Plan(DocumentChanged(Vpc)));

        Assert.Empty(report.Notifications);
        Assert.Single(report.Open);
    }

    [Fact]
    public async Task Observe_TwoResourcesDrift_SendsOneNewAlertEach()
    {
        var t = new TrackerUnderTest();
        var subnetDrift = Drifted(Subnet, null, ("mapPublicIpOnLaunch", System.Text.Json.Nodes.JsonValue.Create(false), System.Text.Json.Nodes.JsonValue.Create(true)));

        var report = await t.ObserveAsync(Plan(CidrDrift(), subnetDrift));

        Assert.Equal([Vpc, Subnet], report.Notifications.Select(n => n.Alert.Key));
        Assert.Equal([Subnet, Vpc], report.Open.Select(a => a.Key));
    }

    [Fact]
    public async Task Observe_NewTrackerOverSameStore_DoesNotResendOpenAlert()
    {
        var store = new InMemoryAlertStore();
        var first = new TrackerUnderTest(store);
        await first.ObserveAsync(Plan(CidrDrift()));
        var second = new TrackerUnderTest(store);

        var report = await second.ObserveAsync(Plan(CidrDrift()));

        Assert.Empty(report.Notifications);
        Assert.Single(report.Open);
        Assert.Empty(second.Log.Entries);
    }

    [Fact]
    public async Task Observe_StoreWriteFails_HoldsNotificationBackAndSendsItNextCycle()
    {
        var store = new FlakyAlertStore { FailingWrites = 1 };
        var t = new TrackerUnderTest(store);

        var failed = await t.ObserveAsync(Plan(CidrDrift()));
        var retried = await t.ObserveAsync(Plan(CidrDrift()));

        Assert.Empty(failed.Notifications);
        Assert.Empty(failed.Open);
        var entry = Assert.Single(t.Log.Entries, e => e.EventId == 4120);
        Assert.Equal(
            "Drift alert for Vpc/main in stack dev could not be saved (InvalidOperationException: The table is busy.); its notification is held back and decided again next cycle",
            entry.Message);
        Assert.Equal(DriftNotificationKind.New, Assert.Single(retried.Notifications).Kind);
    }

    [Fact]
    public async Task Observe_SinkThrows_OtherSinksStillReceiveAndNothingIsThrown()
    {
        var t = new TrackerUnderTest(extraSink: new ThrowingSink());

        var report = await t.ObserveAsync(Plan(CidrDrift()));

        Assert.Single(report.Notifications);
        Assert.Single(t.Sink.Notifications);
        Assert.Contains("Drift sink ThrowingSink failed (HttpRequestException); the other sinks are unaffected", t.Log.Messages);
        Assert.DoesNotContain(t.Log.Messages, m => m.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Observe_NoDrift_SendsAnEmptyReportSoGaugesStayCurrent()
    {
        var t = new TrackerUnderTest();

        var report = await t.ObserveAsync(Plan(InSync(Vpc)));

        Assert.Empty(report.Notifications);
        Assert.Same(report, Assert.Single(t.Sink.Reports));
    }

    [Fact]
    public async Task Observe_AlertHoldsOnlyThePlansFieldValues_NotObservedIdentityOrOutputs()
    {
        var t = new TrackerUnderTest();
        var change = CidrDrift() with
        {
            Observed = new Model.Planning.ObservedResource
            {
                Key = Vpc,
                Exists = true,
                Identity = new Dictionary<string, string> { ["id"] = "vpc-secret-identity" },
                Outputs = new Dictionary<string, string> { ["token"] = "s3cr3t-output" },
            },
        };

        var report = await t.ObserveAsync(Plan(change));

        var body = JsonWebhookBody.Write(Assert.Single(report.Notifications));
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
    }

    private sealed class ThrowingSink : IAlertSink
    {
        public Task SendAsync(DriftReport report, CancellationToken cancellationToken) =>
            throw new HttpRequestException("https://hooks.example.com/services/T0/B0/SECRET");
    }
}
