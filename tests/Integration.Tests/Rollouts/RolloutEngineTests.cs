using Reconciler.Controller.Leases;
using Reconciler.Controller.Rollouts;
using Reconciler.Integration.Tests.Drivers;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Rollouts;

/// <summary>
/// The rollout engine against the emulator: weights follow the steps and are checked on the
/// listener with the aws CLI; green's metrics are published to CloudWatch as the ALB would; time
/// moves only when the test moves the engine's clock, so nothing sleeps and nothing is timed.
/// </summary>
[Collection(DriverTestCollection.Name)]
public sealed class RolloutEngineTests(AwsEmulatorFixture emulator)
{
    private const string UntilPromoted = """
              - setWeight: 30
              - pause: {}
              - setWeight: 60
        """;

    [Fact]
    public async Task GoodGreen_WeightsFollowTheStepsExactly_ThenGreenBecomesBlue()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.Steps);
        var initial = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Succeeded, "1", 0), (initial.Phase, initial.Stable.Label, initial.GreenWeight));
        Assert.Equal((100, 0), await rig.ListenerWeightsAsync());

        rig.Commit("2");
        var started = rig.Clock.GetUtcNow();
        var paused = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Paused, 1, "2"), (paused.Phase, paused.Step, paused.Target?.Label));
        Assert.Equal(started + TimeSpan.FromSeconds(30), paused.PauseDeadline);
        Assert.Equal((90, 10), await rig.ListenerWeightsAsync());

        // Each side's target group names the model version it serves, for whatever runs behind it.
        Assert.Equal(("1", "2"), (await ModelVersionTagAsync(rig, rig.BlueArn), await ModelVersionTagAsync(rig, rig.GreenArn)));

        rig.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(paused.Sequence, (await rig.TickAsync()).Sequence);
        Assert.Equal((90, 10), await rig.ListenerWeightsAsync());

        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        await rig.PublishGreenAsync(requests: 200, errors: 1);
        var second = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Paused, 4), (second.Phase, second.Step));
        Assert.Equal(Measurement.Passed, Assert.Single(second.Analysis).Outcome);
        Assert.Equal(0.005, Assert.Single(second.Analysis).Value);
        Assert.Equal((40, 60), await rig.ListenerWeightsAsync());

        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        var done = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Succeeded, "2", "green", "blue", 0), (done.Phase, done.Stable.Label, done.StableSide, done.CandidateSide, done.GreenWeight));
        Assert.Null(done.Target);
        // The new blue (the green target group) takes everything.
        Assert.Equal((0, 100), await rig.ListenerWeightsAsync());
        Assert.Empty(rig.Alerts);
    }

    private static async Task<string?> ModelVersionTagAsync(RolloutRig rig, string targetGroupArn)
    {
        var descriptions = (await rig.Aws.RunAsync("elbv2", "describe-tags", "--resource-arns", targetGroupArn))!["TagDescriptions"]!.AsArray();
        return Assert.Single(descriptions)!["Tags"]!.AsArray().Where(t => (string?)t!["Key"] == "model-version").Select(t => (string?)t!["Value"]).SingleOrDefault();
    }

    [Fact]
    public async Task FailingGreen_AbortsAtTheFirstMeasurement_WeightsBackToBlue_AlertCarriesTheMeasurement()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.AnalysisFirst);
        await rig.TickAsync();
        rig.Commit("3");
        await rig.PublishGreenAsync(requests: 100, errors: 20);

        var aborted = await rig.TickAsync();

        Assert.Equal((RolloutPhase.Aborted, 0, false), (aborted.Phase, aborted.GreenWeight, aborted.AlertPending));
        Assert.Equal((100, 0), await rig.ListenerWeightsAsync());

        // Status says why it aborted, and that the weights back on blue were read back.
        Assert.StartsWith($"aborted at step 2: analysis metric {RolloutStrategies.ErrorMetric} failed", aborted.Message, StringComparison.Ordinal);
        Assert.EndsWith("; weights blue 100 % / green 0 % (read back from the listener)", aborted.Message, StringComparison.Ordinal);
        var failed = Assert.Single(aborted.Analysis);
        Assert.Equal((Measurement.Failed, 0.2), (failed.Outcome, failed.Value));
        var alert = Assert.Single(rig.Alerts);
        Assert.Equal(("rollout-aborted", "penguins", "3", "1"), ((string?)alert["type"], (string?)alert["service"], (string?)alert["version"], (string?)alert["stableVersion"]));
        Assert.Equal(0.2, (double)alert["failed"]![0]!["value"]!);
        Assert.Equal(RolloutStrategies.ErrorMetric, (string?)alert["failed"]![0]!["metric"]);
        Assert.Equal(100, (int)alert["weights"]!["blue"]!);
        // Green is kept for inspection.
        Assert.Single((await rig.Aws.RunAsync("elbv2", "describe-target-groups", "--target-group-arns", rig.GreenArn))!["TargetGroups"]!.AsArray());
        // Aborted stays aborted: the same documents start nothing again.
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(RolloutPhase.Aborted, (await rig.TickAsync()).Phase);
        Assert.Single(rig.Alerts);
    }

    [Fact]
    public async Task MissingData_IsInconclusive_AndNeverAdvances()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.AnalysisFirst);
        await rig.TickAsync();
        rig.Commit("2");

        var waiting = await rig.TickAsync();
        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        var still = await rig.TickAsync();

        Assert.Equal((RolloutPhase.Progressing, 1), (still.Phase, still.Step));
        Assert.All(still.Analysis, m => Assert.Equal(Measurement.Inconclusive, m.Outcome));
        Assert.Equal(2, still.Analysis.Count);
        Assert.Equal(waiting.Step, still.Step);
        Assert.Equal((90, 10), await rig.ListenerWeightsAsync());
    }

    [Fact]
    public async Task UnknownModelVersion_StartsNothing_AndStatusSaysWhichLabelsExist()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.AnalysisFirst);
        var before = await rig.TickAsync();
        rig.Commit("9");

        var after = await rig.TickAsync();

        Assert.Equal((RolloutPhase.Succeeded, "1", (ModelRef?)null), (after.Phase, after.Stable.Label, after.Target));
        Assert.StartsWith("not rolling out: model version '9' is not among the object versions of s3://", after.Message, StringComparison.Ordinal);
        Assert.EndsWith("(labels there: 1, 2, 3); upload it with metadata model-version and model-sha256 (docs/model-versions.md)", after.Message, StringComparison.Ordinal);
        Assert.Equal(before.Sequence + 1, after.Sequence);
        Assert.Equal((100, 0), await rig.ListenerWeightsAsync());
    }

    [Fact]
    public async Task AbortRetryAndPromote_FromTheCommandLine_AreActedOnByTheLeader()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, UntilPromoted);
        await rig.TickAsync();
        rig.Commit("2");
        var paused = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Paused, (DateTimeOffset?)null), (paused.Phase, paused.PauseDeadline));
        Assert.Equal((70, 30), await rig.ListenerWeightsAsync());

        var abort = await rig.CliAsync("rollout", "abort", RolloutRig.Service);
        Assert.True(abort.ExitCode == 0, abort.ToString());
        Assert.Equal((70, 30), await rig.ListenerWeightsAsync());
        var aborted = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Aborted, 0), (aborted.Phase, aborted.GreenWeight));
        Assert.Equal((100, 0), await rig.ListenerWeightsAsync());
        Assert.Empty(rig.Alerts);

        Assert.Equal(0, (await rig.CliAsync("rollout", "retry", RolloutRig.Service)).ExitCode);
        var retried = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Paused, 1, "2"), (retried.Phase, retried.Step, retried.Target?.Label));
        Assert.Equal((70, 30), await rig.ListenerWeightsAsync());

        var status = await rig.CliAsync("rollout", "status", RolloutRig.Service, "--json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(status.Output)!;
        Assert.Equal(("Paused", 2, 70, 30), ((string?)json["phase"], (int)json["step"]!, (int)json["weights"]!["blue"]!, (int)json["weights"]!["green"]!));
        var view = await rig.CliAsync("rollout", "status", RolloutRig.Service);
        Assert.Contains("Rollout of penguins: Paused, step 2/3", view.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await rig.CliAsync("rollout", "promote", RolloutRig.Service)).ExitCode);
        var promoted = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Succeeded, "2", "green"), (promoted.Phase, promoted.Stable.Label, promoted.StableSide));
        Assert.Equal((0, 100), await rig.ListenerWeightsAsync());
    }

    [Fact]
    public async Task CommitDuringARollout_SupersedesIt_GreenRestartsAtTheFirstStepWithTheNewVersion()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.Steps);
        await rig.TickAsync();
        await rig.StartAndPassTheFirstPauseAsync();
        var atSixty = await rig.TickAsync();
        Assert.Equal((40, 60), await rig.ListenerWeightsAsync());
        Assert.Equal(4, atSixty.Step);

        rig.Commit("3");
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        var superseded = await rig.TickAsync();

        Assert.Equal((RolloutPhase.Paused, 1, "3", "1"), (superseded.Phase, superseded.Step, superseded.Target?.Label, superseded.Stable.Label));
        Assert.Equal(rig.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), superseded.PauseDeadline);
        Assert.Empty(superseded.Analysis);
        Assert.Equal((90, 10), await rig.ListenerWeightsAsync());

        // A commit back to the version blue serves cancels the rollout.
        rig.Commit("1");
        var reverted = await rig.TickAsync();
        Assert.Equal((RolloutPhase.Succeeded, "1", "blue"), (reverted.Phase, reverted.Stable.Label, reverted.StableSide));
        Assert.Equal((100, 0), await rig.ListenerWeightsAsync());
    }

    [Fact]
    public async Task RestartDuringAPause_ANewLeaderResumesAtTheSameStepWithTheOriginalDeadline()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.Steps);
        await rig.TickAsync();
        rig.Commit("2");
        var paused = await rig.TickAsync();
        var deadline = paused.PauseDeadline!.Value;
        var first = rig.Cluster.Candidates[0];
        var standby = await rig.Cluster.StartAsync("b");
        await first.KillAsync();
        await rig.Cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, TimeSpan.FromSeconds(30));
        var fence = standby.Elector.Leadership!.Fence;

        rig.Clock.Advance(TimeSpan.FromSeconds(20));
        var resumed = await rig.TickAsync(fence);
        Assert.Equal((RolloutPhase.Paused, 1, deadline, paused.Sequence), (resumed.Phase, resumed.Step, resumed.PauseDeadline!.Value, resumed.Sequence));
        Assert.Equal((90, 10), await rig.ListenerWeightsAsync());

        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        await rig.PublishGreenAsync(requests: 100, errors: 0);
        var next = await rig.TickAsync(fence);
        Assert.Equal((RolloutPhase.Paused, 4), (next.Phase, next.Step));
        Assert.Equal((40, 60), await rig.ListenerWeightsAsync());
    }

    [Fact]
    public async Task CrashAfterAWeightWasRecordedAsPending_TheResumedLeaderWritesItOnceAndAdvancesOneStep()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.Steps);
        await rig.TickAsync();
        await rig.StartAndPassTheFirstPauseAsync();
        var fence = rig.Cluster.Candidates[0].Elector.Leadership!.Fence;
        // The leader recorded step 4 (setWeight 60) as pending, then died before writing the weight.
        var before = (await rig.Store.ReadAsync(rig.Stack, RolloutRig.Service, CancellationToken.None))!;
        await rig.Store.WriteAsync(fence, rig.Stack, before, before with { Phase = RolloutPhase.Progressing, Step = 3, PauseDeadline = null, PendingGreenWeight = 60 }, rig.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal((90, 10), await rig.ListenerWeightsAsync());

        var resumed = await rig.TickAsync();

        Assert.Equal((RolloutPhase.Paused, 4, 60, (int?)null), (resumed.Phase, resumed.Step, resumed.GreenWeight, resumed.PendingGreenWeight));
        Assert.Equal(rig.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), resumed.PauseDeadline);
        Assert.Equal((40, 60), await rig.ListenerWeightsAsync());
    }

    [Fact]
    public async Task StaleLeader_AfterAFailover_HasItsStepRefusedBeforeAnyWeightIsWritten()
    {
        await using var rig = await RolloutRig.CreateAsync(emulator, RolloutStrategies.Steps);
        await rig.TickAsync();
        rig.Commit("2");
        var paused = await rig.TickAsync();
        var old = rig.Cluster.Candidates[0];
        var staleFence = old.Elector.Leadership!.Fence;
        var standby = await rig.Cluster.StartAsync("b");
        await old.KillAsync();
        await rig.Cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, TimeSpan.FromSeconds(30));
        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        await rig.PublishGreenAsync(requests: 100, errors: 0);

        await Assert.ThrowsAsync<LeaseLostException>(() => rig.TickAsync(staleFence));

        Assert.Equal((90, 10), await rig.ListenerWeightsAsync());
        Assert.Equal(paused.Sequence, (await rig.Store.ReadAsync(rig.Stack, RolloutRig.Service, CancellationToken.None))!.Sequence);
        var byNewLeader = await rig.TickAsync(standby.Elector.Leadership!.Fence);
        Assert.Equal(4, byNewLeader.Step);
        Assert.Equal((40, 60), await rig.ListenerWeightsAsync());
    }
}
