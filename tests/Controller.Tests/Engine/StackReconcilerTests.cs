using Reconciler.Controller.Reconcile;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Tests.Engine;

public sealed class StackReconcilerTests
{
    private static readonly ResourceKey SubnetA = new("Subnet", "a");
    private static readonly ResourceKey SubnetB = new("Subnet", "b");
    private static readonly ResourceKey RouteTable = new("RouteTable", "public");
    private static readonly ApplyOptions Daemon = new() { HonourDriftPolicy = true };

    [Fact]
    public async Task Apply_KindObserveFails_ItsResourcesAndDependantsSkippedRestAppliedRunFails()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("AccessDenied"));

        var result = await engine.Reconciler.ApplyAsync(engine.Stack, new ApplyOptions(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.DoesNotContain(engine.Cloud.Journal, e => e.StartsWith("create Subnet", StringComparison.Ordinal) || e.StartsWith("create RouteTable", StringComparison.Ordinal));
        Assert.Equal(["Bucket/models", "SecurityGroup/app", "Vpc/main"], engine.Cloud.Resources.Select(r => r.Key.ToString()).Order(StringComparer.Ordinal));
        var subnet = Assert.Single(result.Outcomes, o => o.Key == SubnetA);
        Assert.False(subnet.Succeeded);
        Assert.Contains("observing Subnet failed", subnet.Error, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", subnet.Error, StringComparison.Ordinal);
        Assert.Equal("skipped: it depends on Subnet/a, which could not be observed", Assert.Single(result.Outcomes, o => o.Key == RouteTable).Error);
        Assert.Contains(engine.Logger.Messages, m => m.Contains("Subnet/a skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_KindObserveFails_RecordsAttemptsAndNextRetryPerResource()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("AccessDenied"));

        await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);

        Assert.Equal([SubnetA, SubnetB], engine.State.Failures.Keys.Order());
        var failure = engine.State.Failures[SubnetA];
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(engine.Time.GetUtcNow() + ObserveBackoff.Initial, failure.NextRetryAt);
        Assert.Contains("AccessDenied", failure.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.State.Failures.Keys, k => k == RouteTable);
    }

    [Fact]
    public async Task Apply_ResourceOfFailedKindNoLongerDesired_NeitherDeletedNorOrphaned()
    {
        using var engine = new EngineHarness();
        await engine.Reconciler.ApplyAsync(engine.Stack, new ApplyOptions(), CancellationToken.None);
        engine.Load(EngineHarness.Network
            .Replace("subnets: [a, b]", "subnets: [a]", StringComparison.Ordinal)
            .Replace("kind: Subnet\nmetadata: { name: b }\nspec: { vpc: main, cidrBlock: 10.0.2.0/24, availabilityZone: us-east-1b }\n---\n", "", StringComparison.Ordinal));
        Assert.Null(engine.Stack.Find(SubnetB));
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("Throttling"));

        var result = await engine.Reconciler.ApplyAsync(engine.Stack, new ApplyOptions(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Single(engine.Cloud.Of(SubnetB));
        Assert.True(engine.State.Records.ContainsKey(SubnetB));
        Assert.DoesNotContain(engine.Cloud.Journal, e => e.StartsWith("delete", StringComparison.Ordinal));
        Assert.Contains(result.Outcomes, o => o.Key == SubnetB && !o.Succeeded);
    }

    [Fact]
    public async Task Apply_DaemonBeforeNextRetry_FailedKindNotObservedAgain()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("AccessDenied"));
        await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);
        var observes = engine.Cloud.Journal.Count(e => e == "observe Subnet");
        engine.Time.Advance(ObserveBackoff.Initial - TimeSpan.FromSeconds(1));

        var result = await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);

        Assert.Equal(observes, engine.Cloud.Journal.Count(e => e == "observe Subnet"));
        Assert.Equal(1, engine.State.Failures[SubnetA].Attempts);
        Assert.Contains("next try after", Assert.Single(result.Outcomes, o => o.Key == SubnetA).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_DaemonAfterNextRetryStillFailing_BacksOffLonger()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("AccessDenied"));
        await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);
        engine.Time.Advance(ObserveBackoff.Initial);

        await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);

        var failure = engine.State.Failures[SubnetA];
        Assert.Equal(2, failure.Attempts);
        Assert.Equal(engine.Time.GetUtcNow() + ObserveBackoff.After(2), failure.NextRetryAt);
        Assert.Equal(2 * ObserveBackoff.Initial, ObserveBackoff.After(2));
    }

    [Fact]
    public async Task Apply_FailedKindObservableAgain_AppliedAndFailureCleared()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("AccessDenied"));
        await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);
        engine.Cloud.Heal("observe", "Subnet");
        engine.Time.Advance(ObserveBackoff.Initial);

        var result = await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Assert.Empty(engine.State.Failures);
        Assert.Single(engine.Cloud.Of(SubnetA));
        Assert.Single(engine.Cloud.Of(RouteTable));
    }

    [Fact]
    public async Task Apply_ExplicitApply_RetriesAFailedKindAtOnce()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("AccessDenied"));
        await engine.Reconciler.ApplyAsync(engine.Stack, Daemon, CancellationToken.None);
        engine.Cloud.Heal("observe", "Subnet");

        var result = await engine.Reconciler.ApplyAsync(engine.Stack, new ApplyOptions(), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Single(engine.Cloud.Of(SubnetB));
    }

    [Fact]
    public async Task Apply_CreateBeforeDestroyReplaceThenASecondPass_ReportsTheReplaceAndTheOldOnesDelete()
    {
        using var engine = new EngineHarness("""
            kind: Vpc
            metadata: { name: main }
            spec: { cidrBlock: 10.0.0.0/16 }
            ---
            kind: Vpc
            metadata: { name: other }
            spec: { cidrBlock: 10.1.0.0/16 }
            ---
            kind: RouteTable
            metadata: { name: public }
            spec: { vpc: main }
            """);
        await engine.Reconciler.ApplyAsync(engine.Stack, new ApplyOptions(), CancellationToken.None);
        var old = Assert.Single(engine.Cloud.Of(RouteTable));
        engine.Load("""
            kind: Vpc
            metadata: { name: main }
            spec: { cidrBlock: 10.0.0.0/16 }
            ---
            kind: Vpc
            metadata: { name: other }
            spec: { cidrBlock: 10.1.0.0/16 }
            ---
            kind: RouteTable
            metadata: { name: public }
            spec: { vpc: other }
            ---
            kind: Bucket
            metadata: { name: models }
            spec: {}
            """);
        var bucket = new ResourceKey("Bucket", "models");
        engine.Cloud.CreateShort(bucket, spec => ((Model.Specs.BucketSpec)spec) with { Versioning = false });

        var result = await engine.Reconciler.ApplyAsync(engine.Stack, new ApplyOptions(), CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Assert.Contains(result.Outcomes, o => o.Key == RouteTable && o.Action == ChangeAction.Replace && o.Succeeded);
        Assert.Contains(result.Outcomes, o => o.Key == RouteTable && o.Action == ChangeAction.Delete && o.Succeeded);
        Assert.Contains(result.Outcomes, o => o.Key == bucket && o.Action == ChangeAction.Update && o.Succeeded);
        Assert.DoesNotContain(engine.Cloud.Of(RouteTable), r => r.Id == old.Id);
    }

    [Fact]
    public void Backoff_DoublesFromThirtySecondsUpToFifteenMinutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), ObserveBackoff.After(1));
        Assert.Equal(TimeSpan.FromSeconds(60), ObserveBackoff.After(2));
        Assert.Equal(TimeSpan.FromMinutes(8), ObserveBackoff.After(5));
        Assert.Equal(TimeSpan.FromMinutes(15), ObserveBackoff.After(6));
        Assert.Equal(TimeSpan.FromMinutes(15), ObserveBackoff.After(100));
    }

    [Fact]
    public async Task Plan_KindObserveFails_ListsSkippedAndWritesNothing()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("observe", "Bucket", new InvalidOperationException("AccessDenied"));

        var plan = await engine.Reconciler.PlanAsync(engine.Stack, new Reconciler.Controller.Reconcile.Guards.GuardOverrides(), CancellationToken.None);

        Assert.Equal([new ResourceKey("Bucket", "models")], plan.Skipped.Select(s => s.Key));
        Assert.DoesNotContain(plan.Changes, c => c.Key.Kind == "Bucket");
        Assert.Empty(engine.State.Writes);
    }
}
