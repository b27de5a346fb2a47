using Reconciler.Controller.Leases;
using Reconciler.Controller.Rollouts;
using Reconciler.Integration.Tests.Drivers;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Rollouts;

/// <summary>
/// The rollout engine on a Lambda alias against the emulator: green is a function version the
/// engine publishes with the model's environment, the weights are the alias's routing, checked
/// with <c>aws lambda get-alias</c>; green's metrics are published to CloudWatch as Lambda would
/// (AWS/Lambda by FunctionName, Resource FUNCTION:ALIAS and ExecutedVersion). Time moves only
/// when the test moves the engine's clock.
/// </summary>
[Collection(DriverTestCollection.Name)]
public sealed class LambdaRolloutTests(AwsEmulatorFixture emulator)
{
    private const string UntilPromoted = """
              - setWeight: 50
              - pause: {}
        """;

    [Fact]
    public async Task GoodGreen_OnTheAlias_WeightsFollowTheStepsExactly_ThenTheAliasServesGreensVersion()
    {
        await using var rig = await RolloutRig.CreateOnLambdaAsync(emulator, RolloutStrategies.Steps);
        var initial = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Succeeded, "1", "1", 0), (initial.Phase, initial.Stable.Label, initial.StableSide, initial.GreenWeight));
        Assert.Equal(("1", (string?)null, 0), await rig.AliasAsync());

        rig.Commit("2");
        var paused = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Paused, 1, "2", "2"), (paused.Phase, paused.Step, paused.Target?.Label, paused.CandidateSide));
        Assert.Equal(("1", (string?)"2", 10), await rig.AliasAsync());

        // Green is version 2, published with the model's environment over the rest of it.
        var green = await rig.EnvironmentAsync("2");
        Assert.Equal(("2", paused.Target!.VersionId, "sha-of-2", "Lambda"), ((string?)green[LambdaRuntimeSpec.VersionKey], (string?)green[LambdaRuntimeSpec.VersionIdKey], (string?)green[LambdaRuntimeSpec.Sha256Key], (string?)green["Hosting__Mode"]));
        Assert.Equal(["1", "2"], await rig.PublishedVersionsAsync());
        var status = System.Text.Json.Nodes.JsonNode.Parse((await rig.CliAsync("rollout", "status", RolloutRig.Service, "--json")).Output)!;
        Assert.Equal(("lambda", "1", "2", 10), ((string?)status["runtime"], (string?)status["blue"]!["functionVersion"], (string?)status["green"]!["functionVersion"], (int)status["weights"]!["green"]!));

        rig.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(paused.Sequence, (await rig.TickAsync()).Sequence);
        Assert.Equal(("1", (string?)"2", 10), await rig.AliasAsync());

        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        await rig.PublishGreenInvocationsAsync("2", invocations: 200, errors: 1);
        var second = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Paused, 4), (second.Phase, second.Step));
        Assert.Equal((Measurement.Passed, (double?)0.005), (Assert.Single(second.Analysis).Outcome, Assert.Single(second.Analysis).Value));
        Assert.Equal(("1", (string?)"2", 60), await rig.AliasAsync());

        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        var done = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Succeeded, "2", "2", "1", 0), (done.Phase, done.Stable.Label, done.StableSide, done.CandidateSide, done.GreenWeight));
        Assert.Equal(("2", (string?)null, 0), await rig.AliasAsync());
        Assert.Equal(["1", "2"], await rig.PublishedVersionsAsync());
        Assert.Empty(rig.Alerts);
    }

    [Fact]
    public async Task FailingGreen_OnLambdasOwnMetrics_AbortsAtTheFirstMeasurement_RoutingRemoved_AlertCarriesTheMeasurement()
    {
        await using var rig = await RolloutRig.CreateOnLambdaAsync(emulator, RolloutStrategies.AnalysisFirst);
        await rig.TickAsync();
        rig.Commit("3");

        // Green will be version 2: the function has published version 1 only.
        await rig.PublishGreenInvocationsAsync("2", invocations: 100, errors: 20);
        var aborted = await rig.TickAsync();

        Assert.Equal((RolloutPhase.Aborted, 0, false, "2"), (aborted.Phase, aborted.GreenWeight, aborted.AlertPending, aborted.CandidateSide));
        Assert.Equal(("1", (string?)null, 0), await rig.AliasAsync());
        var failed = Assert.Single(aborted.Analysis);
        Assert.Equal((Measurement.Failed, (double?)0.2), (failed.Outcome, failed.Value));
        Assert.StartsWith("20 of 100 invocations ended in a function error", failed.Detail, StringComparison.Ordinal);
        var alert = Assert.Single(rig.Alerts);
        Assert.Equal(("rollout-aborted", "penguins", "3", "1"), ((string?)alert["type"], (string?)alert["service"], (string?)alert["version"], (string?)alert["stableVersion"]));
        Assert.Equal((RolloutStrategies.ErrorMetric, 0.2), ((string?)alert["failed"]![0]!["metric"], (double)alert["failed"]![0]!["value"]!));
        Assert.Equal(100, (int)alert["weights"]!["blue"]!);

        // Green's version is kept for inspection, serving the failing model.
        Assert.Equal("3", (string?)(await rig.EnvironmentAsync("2"))[LambdaRuntimeSpec.VersionKey]);
    }

    [Fact]
    public async Task CrashBetweenTheRecordedWeightAndUpdateAlias_TheResumedEngineWritesTheSameWeightsAndPublishesNothing()
    {
        await using var rig = await RolloutRig.CreateOnLambdaAsync(emulator, RolloutStrategies.Steps);
        await rig.TickAsync();
        await rig.StartAndPassTheFirstPauseAsync();
        var fence = rig.Cluster.Candidates[0].Elector.Leadership!.Fence;

        // The leader recorded step 4 (setWeight 60) as pending, then died before UpdateAlias.
        var before = (await rig.Store.ReadAsync(rig.Stack, RolloutRig.Service, CancellationToken.None))!;
        await rig.Store.WriteAsync(fence, rig.Stack, before, before with { Phase = RolloutPhase.Progressing, Step = 3, PauseDeadline = null, PendingGreenWeight = 60 }, rig.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(("1", (string?)"2", 10), await rig.AliasAsync());

        var resumed = await rig.TickAsync(engine: rig.Engine());

        Assert.Equal((RolloutPhase.Paused, 4, 60, (int?)null), (resumed.Phase, resumed.Step, resumed.GreenWeight, resumed.PendingGreenWeight));
        Assert.Equal(("1", (string?)"2", 60), await rig.AliasAsync());
        Assert.Equal(["1", "2"], await rig.PublishedVersionsAsync());
    }

    [Fact]
    public async Task CrashAfterPublishingGreenBeforeRecordingIt_TheResumedEngineFindsThatVersionAndPublishesNoSecond()
    {
        await using var rig = await RolloutRig.CreateOnLambdaAsync(emulator, RolloutStrategies.Steps);
        await rig.TickAsync();
        rig.Commit("2");
        var paused = await rig.TickAsync();
        Assert.Equal(["1", "2"], await rig.PublishedVersionsAsync());

        // Back to the moment after the fenced "publishing green for 2" and the PublishVersion, before
        // green's number was recorded and before any weight moved.
        var fence = rig.Cluster.Candidates[0].Elector.Leadership!.Fence;
        await rig.Aws.RunAsync("lambda", "update-alias", "--function-name", rig.FunctionName, "--name", RolloutRig.Alias, "--function-version", "1", "--routing-config", """{"AdditionalVersionWeights":{}}""");
        var crashed = paused with { Phase = RolloutPhase.Progressing, Step = 0, GreenWeight = 0, PendingGreenWeight = 10, PauseDeadline = null, CandidateSide = "", GreenPreparedFor = null, PreparingGreenFor = "2" };
        await rig.Store.WriteAsync(fence, rig.Stack, paused, crashed, rig.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(("1", (string?)null, 0), await rig.AliasAsync());

        var resumed = await rig.TickAsync(engine: rig.Engine());

        Assert.Equal((RolloutPhase.Paused, 1, "2", (string?)null), (resumed.Phase, resumed.Step, resumed.CandidateSide, resumed.PreparingGreenFor));
        Assert.Equal(["1", "2"], await rig.PublishedVersionsAsync());
        Assert.Equal(("1", (string?)"2", 10), await rig.AliasAsync());
    }

    [Fact]
    public async Task StaleLeader_AfterAFailover_HasItsPublishRefusedBeforeLambdaIsTouched()
    {
        await using var rig = await RolloutRig.CreateOnLambdaAsync(emulator, RolloutStrategies.Steps);
        var initial = await rig.TickAsync();

        // The leader recorded the rollout of "3" with green's first weight pending, and lost its lease.
        rig.Commit("3");
        var objects = (await rig.Aws.RunAsync("s3api", "list-object-versions", "--bucket", rig.Harness.Context.Identities.IdOf("Bucket", "models"), "--prefix", RolloutRig.ModelKey))!;
        var newest = (string)objects["Versions"]!.AsArray().Single(v => (bool)v!["IsLatest"]!)!["VersionId"]!;
        var old = rig.Cluster.Candidates[0];
        var staleFence = old.Elector.Leadership!.Fence;
        await rig.Store.WriteAsync(staleFence, rig.Stack, initial, initial with { Phase = RolloutPhase.Progressing, Step = 0, Target = new ModelRef("3", newest, "sha-of-3"), PendingGreenWeight = 10 }, rig.Clock.GetUtcNow(), CancellationToken.None);
        var standby = await rig.Cluster.StartAsync("b");
        await old.KillAsync();
        await rig.Cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<LeaseLostException>(() => rig.TickAsync(staleFence));

        Assert.Equal(["1"], await rig.PublishedVersionsAsync());
        Assert.Equal("1", (string?)(await rig.EnvironmentAsync())[LambdaRuntimeSpec.VersionKey]);
        Assert.Equal(("1", (string?)null, 0), await rig.AliasAsync());
        var byNewLeader = await rig.TickAsync(standby.Elector.Leadership!.Fence);
        Assert.Equal((RolloutPhase.Paused, "2"), (byNewLeader.Phase, byNewLeader.CandidateSide));
        Assert.Equal(["1", "2"], await rig.PublishedVersionsAsync());
        Assert.Equal(("1", (string?)"2", 10), await rig.AliasAsync());
    }

    [Fact]
    public async Task RuntimeChangedFromAlbToLambda_TheSidesAreReadFromTheAliasAndBlueKeepsItsModelVersion()
    {
        await using var rig = await RolloutRig.CreateOnLambdaAsync(emulator, RolloutStrategies.Steps);
        var fence = rig.Cluster.Candidates[0].Elector.Leadership!.Fence;
        var onAlb = await rig.Store.WriteAsync(
            fence,
            rig.Stack,
            null,
            new RolloutState { Service = RolloutRig.Service, Phase = RolloutPhase.Succeeded, Step = 6, StepCount = 6, StableSide = "blue", CandidateSide = "green", Stable = new ModelRef("1", "object-version-1", "sha-of-1") },
            rig.Clock.GetUtcNow(),
            CancellationToken.None);

        var seen = await rig.TickAsync();

        Assert.Equal((RolloutState.LambdaRuntime, RolloutPhase.Succeeded, "1", "", "object-version-1", onAlb.Sequence + 1), (seen.Runtime, seen.Phase, seen.StableSide, seen.CandidateSide, seen.Stable.VersionId, seen.Sequence));
        Assert.StartsWith("runtime changed from alb to lambda: serving model version 1 on fn version 1", seen.Message, StringComparison.Ordinal);
        rig.Commit("2");
        Assert.Equal((RolloutPhase.Paused, "2"), ((await rig.TickAsync()).Phase, (await rig.Store.ReadAsync(rig.Stack, RolloutRig.Service, CancellationToken.None))!.CandidateSide));
        Assert.Equal(("1", (string?)"2", 10), await rig.AliasAsync());
    }

    [Fact]
    public async Task FunctionDocument_PlansNoChangeForTheRolloutsModelEnvironment_AndItsOwnWritesKeepIt()
    {
        await using var rig = await RolloutRig.CreateOnLambdaAsync(emulator, UntilPromoted);
        await rig.TickAsync();
        rig.Commit("2");
        await rig.TickAsync();
        Assert.Equal(("1", (string?)"2", 50), await rig.AliasAsync());

        // The document declares model version "1" (its start); $LATEST holds the rollout's "2" and its object version and SHA-256.
        rig.Harness.AssertInSync(await rig.Harness.ObserveAsync("Function", "inference"));

        rig.EditFunction("2", ("    Hosting__Mode: Lambda", "    Hosting__Mode: Lambda\n    Inference__Logging: verbose"));
        var (updated, fields) = await rig.Harness.UpdateAsync("Function", "inference");

        Assert.Equal("environment.Inference__Logging", Assert.Single(fields).Path);
        rig.Harness.AssertInSync(updated);
        var environment = await rig.EnvironmentAsync();
        Assert.Equal(("2", "sha-of-2", "verbose"), ((string?)environment[LambdaRuntimeSpec.VersionKey], (string?)environment[LambdaRuntimeSpec.Sha256Key], (string?)environment["Inference__Logging"]));
        Assert.NotNull(environment[LambdaRuntimeSpec.VersionIdKey]);
    }
}
