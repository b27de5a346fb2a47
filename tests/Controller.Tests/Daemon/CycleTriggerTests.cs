using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller.Daemon;

namespace Reconciler.Controller.Tests.Daemon;

public sealed class CycleTriggerTests
{
    [Fact]
    public async Task WaitAsync_Request_StartsTheCycleAtOnceWithItsReason()
    {
        var trigger = new CycleTrigger(new FakeTimeProvider());
        var waiting = trigger.WaitAsync(TimeSpan.FromMinutes(1), 0.1, CancellationToken.None);

        trigger.Request("POST /trigger");

        Assert.Equal("POST /trigger", await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitAsync_NoRequest_EndsAfterTheIntervalWithinItsJitter()
    {
        var clock = new FakeTimeProvider();
        var trigger = new CycleTrigger(clock);
        var waiting = trigger.WaitAsync(TimeSpan.FromSeconds(60), 0.1, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Yield();
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(7.1));

        Assert.Equal("poll interval", await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitAsync_ManyRequestsDuringACycle_CollapseIntoOne()
    {
        var trigger = new CycleTrigger(new FakeTimeProvider());
        trigger.Request("a");
        trigger.Request("b");
        trigger.Request("c");

        Assert.Equal("a", await trigger.WaitAsync(TimeSpan.FromMinutes(1), 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        var next = trigger.WaitAsync(TimeSpan.FromMinutes(1), 0, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var trigger = new CycleTrigger(new FakeTimeProvider());
        using var stop = new CancellationTokenSource();
        var waiting = trigger.WaitAsync(TimeSpan.FromMinutes(1), 0.1, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
