using Reconciler.Controller.Cli;
using Reconciler.Controller.Rollouts;

namespace Reconciler.Controller.Tests.Rollouts;

/// <summary>The CloudWatch dimensions a rollout reads green under, and the terminal view of a rollout.</summary>
public sealed class AlbSidesTests
{
    private static readonly AlbSides Sides = new(
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/ml-platform-dev-web/50dc6c495c0c9188/f2f7dc8efc522ab2",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/ml-platform-dev-blue/73e2d6bc24d8a067",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/ml-platform-dev-green/943f017f100becff");

    [Fact]
    public void Dimensions_AreTheArnSuffixesTheAlbPublishesUnder()
    {
        Assert.Equal("app/ml-platform-dev-web/50dc6c495c0c9188", Sides.LoadBalancerDimension);
        Assert.Equal("targetgroup/ml-platform-dev-green/943f017f100becff", Sides.GreenDimension);
        Assert.Equal("targetgroup/ml-platform-dev-blue/73e2d6bc24d8a067", Sides.BlueDimension);
    }

    [Fact]
    public void View_ShowsPhaseStepSidesBarAndMeasurements()
    {
        var state = new RolloutState
        {
            Service = "penguins",
            Phase = RolloutPhase.Paused,
            Step = 1,
            StepCount = 4,
            StableSide = "blue",
            CandidateSide = "green",
            Stable = new ModelRef("1", "v1", "s1"),
            Target = new ModelRef("2", "v2", "s2"),
            GreenWeight = 25,
            PauseDeadline = new DateTimeOffset(2026, 11, 26, 12, 0, 30, TimeSpan.Zero),
            Analysis = [new Measurement { Metric = "green-5xx", Step = 0, At = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), Value = 0.01, Threshold = 0.05, FailWhen = "above", Outcome = Measurement.Passed, Detail = "1 of 100 requests answered 5xx (1.00 %)" }],
            Message = "step 2: paused until 12:00:30 UTC",
        };

        var text = RolloutView.Render(state, new RolloutIntent("penguins", RolloutIntent.Promote, "id", state.UpdatedAt));

        Assert.Contains("Rollout of penguins: Paused, step 2/4", text, StringComparison.Ordinal);
        Assert.Contains("blue  blue         version 1       75 %", text, StringComparison.Ordinal);
        Assert.Contains("green green        version 2       25 %", text, StringComparison.Ordinal);
        Assert.Contains($"[{new string('#', 30)}{new string('=', 10)}]", text, StringComparison.Ordinal);
        Assert.Contains("pause ends 2026-11-26 12:00:30 UTC", text, StringComparison.Ordinal);
        Assert.Contains("requested: promote (waiting for the leader)", text, StringComparison.Ordinal);
        Assert.Contains("step 1 12:00:00 green-5xx        passed       0.01 (fails above 0.05) 1 of 100 requests answered 5xx (1.00 %)", text, StringComparison.Ordinal);
    }
}
