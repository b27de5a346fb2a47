using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>The budget's buckets on a fake clock: every wait is a timer the test sees and advances.</summary>
public sealed class AwsRequestBudgetTests
{
    private static readonly AwsBudgetOptions OnePerSecondBurstTwo = new AwsBudgetOptions()
        .WithService("logs", new AwsServiceBudget { RequestsPerSecond = 1, Burst = 2 });

    [Fact]
    public async Task AcquireAsync_BeyondTheBurst_WaitsForEachTokenInTurn()
    {
        var time = new SignallingTimeProvider();
        var budget = new AwsRequestBudget(OnePerSecondBurstTwo, time);

        await budget.AcquireAsync("logs", CancellationToken.None);
        await budget.AcquireAsync("logs", CancellationToken.None);
        var third = budget.AcquireAsync("logs", CancellationToken.None).AsTask();
        var fourth = budget.AcquireAsync("logs", CancellationToken.None).AsTask();

        Assert.Equal(TimeSpan.FromSeconds(1), await time.WaitForTimerAsync(_ => true));
        Assert.Equal(TimeSpan.FromSeconds(2), await time.WaitForTimerAsync(_ => true));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await third;
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await fourth;
        Assert.Equal(2, Assert.Single(budget.Snapshot()).Delayed);
    }

    [Fact]
    public async Task AcquireAsync_AfterAQuietSpell_HasTheBurstAgain()
    {
        var time = new SignallingTimeProvider();
        var budget = new AwsRequestBudget(OnePerSecondBurstTwo, time);
        await budget.AcquireAsync("logs", CancellationToken.None);
        await budget.AcquireAsync("logs", CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(budget.AcquireAsync("logs", CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.True(budget.AcquireAsync("logs", CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.False(budget.AcquireAsync("logs", CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task OnThrottled_HalvesThatServiceAndLeavesTheOthers()
    {
        var budget = new AwsRequestBudget(null, new SignallingTimeProvider());
        await budget.AcquireAsync("ec2", CancellationToken.None);

        AwsRequestBudget.OnThrottled(await budget.AcquireAsync("logs", CancellationToken.None));

        Assert.Equal(5, budget.CurrentRate("logs"));
        Assert.Equal(20, budget.CurrentRate("ec2"));
        Assert.Equal(50, budget.CurrentRate("s3"));
        Assert.Equal((1, 0, 1), (budget.ThrottledCount("logs"), budget.ThrottledCount("ec2"), budget.ThrottledTotal));
    }

    [Fact]
    public async Task OnThrottled_ManyAnswersToOneBurst_CutTheRateOnce()
    {
        var budget = new AwsRequestBudget(null, new SignallingTimeProvider());
        var burst = new List<AwsBudgetTicket>();
        for (var i = 0; i < 5; i++)
        {
            burst.Add(await budget.AcquireAsync("ec2", CancellationToken.None));
        }

        burst.ForEach(AwsRequestBudget.OnThrottled);
        Assert.Equal(10, budget.CurrentRate("ec2"));

        // A request admitted at the new rate and throttled again does cut again.
        AwsRequestBudget.OnThrottled(await budget.AcquireAsync("ec2", CancellationToken.None));
        Assert.Equal(5, budget.CurrentRate("ec2"));
        Assert.Equal(6, budget.ThrottledCount("ec2"));
    }

    [Fact]
    public async Task OnThrottled_Repeatedly_StopsAtTheMinimumRate()
    {
        // Not waiting (the rate is tracked all the same), so eight admissions need no clock.
        var budget = new AwsRequestBudget(AwsBudgetOptions.Unlimited, new SignallingTimeProvider());

        for (var i = 0; i < 8; i++)
        {
            var ticket = await budget.AcquireAsync("logs", CancellationToken.None);
            AwsRequestBudget.OnThrottled(ticket);
        }

        Assert.Equal(0.5, budget.CurrentRate("logs"));
    }

    [Fact]
    public async Task CurrentRate_AfterEachQuietPeriod_RisesOneStepBackToTheConfiguredRate()
    {
        var time = new SignallingTimeProvider();
        var budget = new AwsRequestBudget(null, time);
        AwsRequestBudget.OnThrottled(await budget.AcquireAsync("logs", CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Equal(5, budget.CurrentRate("logs"));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(6, budget.CurrentRate("logs"));
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(9, budget.CurrentRate("logs"));
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(10, budget.CurrentRate("logs"));
    }

    [Fact]
    public async Task CurrentRate_ThrottledAgainWhileRecovering_RestartsTheQuietPeriod()
    {
        var time = new SignallingTimeProvider();
        var budget = new AwsRequestBudget(null, time);
        AwsRequestBudget.OnThrottled(await budget.AcquireAsync("logs", CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(6, budget.CurrentRate("logs"));

        AwsRequestBudget.OnThrottled(await budget.AcquireAsync("logs", CancellationToken.None));
        Assert.Equal(3, budget.CurrentRate("logs"));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(3, budget.CurrentRate("logs"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, budget.CurrentRate("logs"));
    }

    [Fact]
    public async Task AcquireAsync_RateCutWhileWaiting_QueuesAgainAtTheNewRate()
    {
        var time = new SignallingTimeProvider();
        var budget = new AwsRequestBudget(new AwsBudgetOptions().WithService("logs", new AwsServiceBudget { RequestsPerSecond = 1, Burst = 1 }), time);
        var first = await budget.AcquireAsync("logs", CancellationToken.None);
        var waiting = budget.AcquireAsync("logs", CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(1), await time.WaitForTimerAsync(_ => true));

        AwsRequestBudget.OnThrottled(first);
        time.Advance(TimeSpan.FromSeconds(1));

        // At 0.5/s half a token has come in since the cut; the other half takes another second.
        Assert.Equal(TimeSpan.FromSeconds(1), await time.WaitForTimerAsync(_ => true));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting;
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAtOnceAndGivesTheTurnBack()
    {
        var time = new SignallingTimeProvider();
        var budget = new AwsRequestBudget(new AwsBudgetOptions().WithService("logs", new AwsServiceBudget { RequestsPerSecond = 1, Burst = 1 }), time);
        await budget.AcquireAsync("logs", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.AcquireAsync("logs", cancel.Token).AsTask();
        await time.WaitForTimerAsync(_ => true);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        // The next request waits one second, not two: the cancelled one's token came back.
        var next = budget.AcquireAsync("logs", CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(1), await time.WaitForTimerAsync(_ => true));
        time.Advance(TimeSpan.FromSeconds(1));
        await next;
    }

    [Fact]
    public async Task AcquireAsync_AlreadyCancelled_ThrowsWithoutTakingAToken()
    {
        var budget = new AwsRequestBudget(OnePerSecondBurstTwo, new SignallingTimeProvider());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.AcquireAsync("logs", new CancellationToken(true)).AsTask());

        Assert.True(budget.AcquireAsync("logs", CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.True(budget.AcquireAsync("logs", CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_Disabled_NeverWaitsButStillCountsThrottling()
    {
        var budget = new AwsRequestBudget(AwsBudgetOptions.Unlimited, new SignallingTimeProvider());

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(budget.AcquireAsync("ec2", CancellationToken.None).AsTask().IsCompletedSuccessfully);
        }

        AwsRequestBudget.OnThrottled(await budget.AcquireAsync("ec2", CancellationToken.None));
        Assert.Equal(1, budget.ThrottledCount("ec2"));
        Assert.Equal(10, budget.CurrentRate("ec2"));
    }
}
