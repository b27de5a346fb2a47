using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller.Daemon;

namespace Reconciler.Controller.Tests.Daemon;

/// <summary>/healthz's judgement of the loop: alive while each step ends within its limit, wedged when one does not.</summary>
public sealed class LoopLivenessTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Problem_StepWithinItsLimitAndGrace_IsNone()
    {
        var liveness = new LoopLiveness(_time);
        liveness.Starting("waiting for the next cycle", TimeSpan.FromSeconds(66));

        _time.Advance(TimeSpan.FromSeconds(66) + LoopLiveness.Grace);

        Assert.Null(liveness.Problem());
    }

    [Fact]
    public void Problem_StepOverItsLimitAndGrace_NamesTheStepAndHowLong()
    {
        var liveness = new LoopLiveness(_time);
        liveness.Starting("waiting for the next cycle", TimeSpan.FromSeconds(66));

        _time.Advance(TimeSpan.FromSeconds(127));

        Assert.Equal("the reconcile loop has been waiting for the next cycle for 127 s, longer than its limit of 126 s", liveness.Problem());
    }

    [Fact]
    public void Starting_TheNextStep_RestartsTheClock()
    {
        var liveness = new LoopLiveness(_time);
        liveness.Starting("standing by", TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(50));

        liveness.Starting("standing by", TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.Null(liveness.Problem());
    }

    [Fact]
    public void Problem_CycleRunningOverTheWorkLimit_IsReportedAndAnHourIsNot()
    {
        var liveness = new LoopLiveness(_time);
        liveness.Starting("running a cycle", LoopLiveness.WorkLimit);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Null(liveness.Problem());

        _time.Advance(LoopLiveness.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal("the reconcile loop has been running a cycle for 3661 s, longer than its limit of 3660 s", liveness.Problem());
    }

    [Fact]
    public void Problem_NeverStarted_IsReportedAfterTheWorkLimit()
    {
        var liveness = new LoopLiveness(_time);

        _time.Advance(LoopLiveness.WorkLimit + LoopLiveness.Grace + TimeSpan.FromSeconds(1));

        Assert.StartsWith("the reconcile loop has been starting for ", liveness.Problem(), StringComparison.Ordinal);
    }
}
