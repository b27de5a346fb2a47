using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Tests.Engine;

public sealed class PlanExecutorTests
{
    private static readonly ResourceKey Vpc = new("Vpc", "main");
    private static readonly ResourceKey SubnetA = new("Subnet", "a");
    private static readonly ResourceKey RouteTable = new("RouteTable", "public");

    [Fact]
    public async Task Execute_FreshStack_CreatesEachResourceAfterWhatItReferences()
    {
        using var engine = new EngineHarness();

        var result = await engine.ExecuteAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Assert.True(engine.IndexOf("create Vpc/main") < engine.IndexOf("create Subnet/a"));
        Assert.True(engine.IndexOf("create Vpc/main") < engine.IndexOf("create SecurityGroup/app"));
        Assert.True(engine.IndexOf("create Subnet/a") < engine.IndexOf("create RouteTable/public"));
        Assert.True(engine.IndexOf("create Subnet/b") < engine.IndexOf("create RouteTable/public"));
        Assert.Equal(6, engine.Cloud.Resources.Count);
        Assert.Empty(engine.State.Pending);
    }

    [Fact]
    public async Task Execute_DocumentsGone_DeletesDependantsBeforeWhatTheyReference()
    {
        using var engine = new EngineHarness();
        await engine.ExecuteAsync();
        engine.Load("""
            kind: Bucket
            metadata: { name: models }
            spec: {}
            """);
        var from = engine.Cloud.Journal.Count;

        var result = await engine.ExecuteAsync();

        Assert.True(result.Succeeded);
        var vpcDeleted = engine.IndexOf("delete Vpc/main", from);
        Assert.True(engine.IndexOf("delete RouteTable/public", from) < engine.IndexOf("delete Subnet/a", from));
        Assert.True(engine.IndexOf("delete Subnet/a", from) < vpcDeleted);
        Assert.True(engine.IndexOf("delete SecurityGroup/app", from) < vpcDeleted);
        Assert.Equal([new ResourceKey("Bucket", "models")], engine.Cloud.Resources.Select(r => r.Key));
        Assert.Equal([new ResourceKey("Bucket", "models")], engine.State.Records.Keys);
    }

    [Fact]
    public async Task Execute_ManyIndependentChanges_NeverMoreThanMaxParallelismAtOnce()
    {
        using var engine = new EngineHarness(Buckets(8), maxParallelism: 3);
        engine.Cloud.Hold();

        var execution = engine.ExecuteAsync();
        await engine.Cloud.RunningReached(3).WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 20; i++)
        {
            await Task.Yield();
        }

        Assert.Equal(3, engine.Cloud.Running);
        engine.Cloud.Release();
        var result = await execution;

        Assert.True(result.Succeeded);
        Assert.Equal(3, engine.Cloud.MaxRunning);
        Assert.Equal(8, engine.Cloud.Resources.Count);
    }

    [Fact]
    public async Task Execute_DependencyFails_DependantsSkippedOthersApplied()
    {
        using var engine = new EngineHarness();
        engine.Cloud.Fail("create", "Subnet/a", new InvalidOperationException("InsufficientFreeAddressesInSubnet"));

        var result = await engine.ExecuteAsync();

        Assert.False(result.Succeeded);
        var failed = Assert.Single(result.Outcomes, o => o.Key == SubnetA);
        Assert.Contains("InsufficientFreeAddressesInSubnet", failed.Error, StringComparison.Ordinal);
        var skipped = Assert.Single(result.Outcomes, o => o.Key == RouteTable);
        Assert.Equal("skipped: it depends on Subnet/a, which failed", skipped.Error);
        Assert.DoesNotContain(engine.Cloud.Journal, e => e.StartsWith("create RouteTable", StringComparison.Ordinal));
        Assert.Equal(
            ["Bucket/models", "SecurityGroup/app", "Subnet/b", "Vpc/main"],
            result.Outcomes.Where(o => o.Succeeded).Select(o => o.Key.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Execute_ReplaceOfCreateBeforeDestroyKind_CreatesNewThenDeletesOld()
    {
        using var engine = new EngineHarness(WithOtherVpc(routeTableVpc: "main"));
        await engine.ExecuteAsync();
        var old = Assert.Single(engine.Cloud.Of(RouteTable));
        engine.Load(WithOtherVpc(routeTableVpc: "other"));
        var from = engine.Cloud.Journal.Count;

        var result = await engine.ExecuteAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Assert.True(engine.IndexOf("create RouteTable/public", from) < engine.IndexOf($"delete RouteTable/public {old.Id}", from));
        var now = Assert.Single(engine.Cloud.Of(RouteTable));
        Assert.NotEqual(old.Id, now.Id);
        Assert.Equal("other", ((RouteTableSpec)now.Spec).Vpc);
        var record = engine.State.Records[RouteTable];
        Assert.Equal(now.Id, record.Identity["id"]);
        Assert.Empty(record.Retiring);
        Assert.NotNull(record.AppliedHash);
    }

    [Fact]
    public async Task Execute_ReplaceOfNamedKind_DeletesOldThenCreates()
    {
        using var engine = new EngineHarness();
        await engine.ExecuteAsync();
        var old = Assert.Single(engine.Cloud.Of(SubnetA));
        engine.Load(EngineHarness.Network.Replace("10.0.1.0/24", "10.0.3.0/24", StringComparison.Ordinal));
        var from = engine.Cloud.Journal.Count;

        var result = await engine.ExecuteAsync();

        Assert.True(result.Succeeded);
        Assert.True(engine.IndexOf($"delete Subnet/a {old.Id}", from) < engine.IndexOf("create Subnet/a", from));
        Assert.Equal("10.0.3.0/24", ((SubnetSpec)Assert.Single(engine.Cloud.Of(SubnetA)).Spec).CidrBlock);
    }

    [Fact]
    public async Task Execute_ReplaceOfStatefulKindWithoutExplicitDelete_IsRefusedAndKeepsTheResource()
    {
        var bucket = new ResourceKey("Bucket", "models");
        using var engine = new EngineHarness();
        await engine.ExecuteAsync();
        var old = Assert.Single(engine.Cloud.Of(bucket));
        engine.Load(EngineHarness.Network.Replace("spec: {}", "spec: { bucketName: models-renamed-bucket }", StringComparison.Ordinal));
        var from = engine.Cloud.Journal.Count;

        var result = await engine.ExecuteAsync();

        var outcome = Assert.Single(result.Outcomes, o => o.Key == bucket);
        Assert.False(outcome.Succeeded);
        Assert.Contains("a change to bucketName replaces it", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("deletionPolicy: delete", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Cloud.Journal.Skip(from), e => e.StartsWith("delete Bucket/models", StringComparison.Ordinal));
        Assert.Equal(old.Id, Assert.Single(engine.Cloud.Of(bucket)).Id);
    }

    [Fact]
    public async Task Execute_ReplaceOfStatefulKindWithExplicitDelete_DeletesOldThenCreates()
    {
        var bucket = new ResourceKey("Bucket", "models");
        var explicitDelete = EngineHarness.Network.Replace("metadata: { name: models }", "metadata: { name: models, deletionPolicy: delete }", StringComparison.Ordinal);
        using var engine = new EngineHarness(explicitDelete);
        await engine.ExecuteAsync();
        var old = Assert.Single(engine.Cloud.Of(bucket));
        engine.Load(explicitDelete.Replace("spec: {}", "spec: { bucketName: models-renamed-bucket }", StringComparison.Ordinal));
        var from = engine.Cloud.Journal.Count;

        var result = await engine.ExecuteAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Assert.True(engine.IndexOf($"delete Bucket/models {old.Id}", from) < engine.IndexOf("create Bucket/models", from));
    }

    [Fact]
    public async Task Execute_CreateBeforeDestroyCrashedBeforeRecordingNewOne_AdoptsItAndDeletesOld()
    {
        using var engine = new EngineHarness(WithOtherVpc(routeTableVpc: "other"));
        var tags = new Dictionary<string, string> { ["reconciler:resource"] = RouteTable.ToString() };
        var old = engine.Cloud.Seed(RouteTable, new RouteTableSpec { Vpc = "main" }, tags);
        var created = engine.Cloud.Seed(RouteTable, new RouteTableSpec { Vpc = "other" }, tags);
        engine.State.Put(new RecordedResource
        {
            Key = RouteTable,
            Identity = new Dictionary<string, string> { ["id"] = old.Id },
            Retiring = new Dictionary<string, string> { ["id"] = old.Id },
        });

        var result = await engine.ExecuteAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Assert.Equal(created.Id, Assert.Single(engine.Cloud.Of(RouteTable)).Id);
        Assert.Equal(created.Id, engine.State.Records[RouteTable].Identity["id"]);
        Assert.Empty(engine.State.Records[RouteTable].Retiring);
    }

    [Fact]
    public async Task Execute_RetiringDeleteRefused_KeptInStateAndRetriedNextRun()
    {
        using var engine = new EngineHarness(WithOtherVpc(routeTableVpc: "main"));
        await engine.ExecuteAsync();
        var old = Assert.Single(engine.Cloud.Of(RouteTable));
        engine.Load(WithOtherVpc(routeTableVpc: "other"));
        engine.Cloud.Fail("delete", RouteTable.ToString(), new InvalidOperationException("DependencyViolation"));

        var refused = await engine.ExecuteAsync();

        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Outcomes, o => o.Key == RouteTable && !o.Succeeded && o.Error!.Contains(old.Id, StringComparison.Ordinal));
        Assert.Equal(old.Id, engine.State.Records[RouteTable].Retiring["id"]);
        engine.Cloud.Heal("delete", RouteTable.ToString());

        var retried = await engine.ExecuteAsync();

        Assert.True(retried.Succeeded);
        Assert.DoesNotContain(engine.Cloud.Of(RouteTable), r => r.Id == old.Id);
        Assert.Single(engine.Cloud.Of(RouteTable));
        Assert.Empty(engine.State.Records[RouteTable].Retiring);
    }

    [Fact]
    public async Task Execute_CancelledWhileAChangeIsInFlight_NoNewChangeStartedAndNothingHalfRecorded()
    {
        using var engine = new EngineHarness(Buckets(5), maxParallelism: 1);
        using var cancellation = new CancellationTokenSource();
        engine.Cloud.Hold();

        var execution = engine.ExecuteAsync(cancellation.Token);
        await engine.Cloud.RunningReached(1).WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        engine.Cloud.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => execution);
        var created = Assert.Single(engine.Cloud.Resources);
        Assert.Single(engine.Cloud.Journal, e => e.StartsWith("create ", StringComparison.Ordinal));
        Assert.Empty(engine.State.Pending);
        var record = Assert.Single(engine.State.Records.Values);
        Assert.Equal(created.Key, record.Key);
        Assert.Equal(created.Id, record.Identity["id"]);
        Assert.NotNull(record.AppliedHash);
    }

    [Fact]
    public async Task Execute_TagDroppedFromDocument_RemovedWhileOthersTagsStay()
    {
        using var engine = new EngineHarness(Bucket(tags: "{ team: ml, tier: gold }"));
        await engine.ExecuteAsync();
        var bucket = Assert.Single(engine.Cloud.Resources);
        engine.Cloud.Replace(bucket with { Tags = new Dictionary<string, string>(bucket.Tags) { ["added-by-hand"] = "yes" } });
        engine.Load(Bucket(tags: "{ tier: gold }"));

        var result = await engine.ExecuteAsync();

        Assert.True(result.Succeeded);
        var tags = Assert.Single(engine.Cloud.Resources).Tags;
        Assert.False(tags.ContainsKey("team"));
        Assert.Equal("gold", tags["tier"]);
        Assert.Equal("yes", tags["added-by-hand"]);
        Assert.Equal("Bucket/models", tags["reconciler:resource"]);
        Assert.False(engine.State.Records.Values.Single().AppliedTags.ContainsKey("team"));
        Assert.False((await engine.PlanAsync()).Plan.HasChanges);
    }

    private static string Buckets(int count) =>
        string.Join("\n---\n", Enumerable.Range(1, count).Select(i => $"kind: Bucket\nmetadata: {{ name: b{i} }}\nspec: {{}}"));

    private static string Bucket(string tags) => $"kind: Bucket\nmetadata: {{ name: models, tags: {tags} }}\nspec: {{}}";

    private static string WithOtherVpc(string routeTableVpc) => $$"""
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
        spec: { vpc: {{routeTableVpc}} }
        """;
}
