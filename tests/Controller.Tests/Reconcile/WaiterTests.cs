using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller.Drivers.Mechanics;

namespace Reconciler.Controller.Tests.Reconcile;

public sealed class WaiterTests
{
    [Fact]
    public async Task UntilAsync_StateReachedOnThirdPoll_Returns()
    {
        var clock = new FakeTimeProvider();
        var polls = 0;

        var waiting = Waiter.UntilAsync("the table", _ => Task.FromResult(++polls == 3), clock, TimeSpan.FromMinutes(1), CancellationToken.None);
        while (!waiting.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await waiting;
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task UntilAsync_StateNeverReached_TimesOutNamingWhatItWaitedFor()
    {
        var clock = new FakeTimeProvider();

        var waiting = Waiter.UntilAsync("Vpc/main (vpc-1) to become available", _ => Task.FromResult(false), clock, TimeSpan.FromSeconds(30), CancellationToken.None);
        while (!waiting.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Yield();
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        Assert.Equal("Timed out after 30 s waiting for Vpc/main (vpc-1) to become available.", error.Message);
    }
}
