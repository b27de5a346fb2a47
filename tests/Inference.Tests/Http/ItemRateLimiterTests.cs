using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Http;

namespace Reconciler.Inference.Tests.Http;

public sealed class ItemRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ItemRateLimiter _limiter;

    public ItemRateLimiterTests() =>
        _limiter = new ItemRateLimiter(Options.Create(new AuthOptions { ItemsPerSecond = 100, BurstItems = 200 }), _clock);

    [Fact]
    public void TryAcquire_BatchOf100_Costs100Items()
    {
        Assert.True(_limiter.TryAcquire("a", 100, out _));
        Assert.True(_limiter.TryAcquire("a", 100, out _));
        Assert.False(_limiter.TryAcquire("a", 1, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(10), retryAfter);
    }

    [Fact]
    public void TryAcquire_Refused_SaysHowLongUntilEnoughItems()
    {
        Assert.True(_limiter.TryAcquire("a", 150, out _));
        Assert.False(_limiter.TryAcquire("a", 100, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(0.5), retryAfter);
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(_limiter.TryAcquire("a", 100, out _));
    }

    [Fact]
    public void TryAcquire_KeysHaveSeparateBudgets()
    {
        Assert.True(_limiter.TryAcquire("a", 200, out _));
        Assert.True(_limiter.TryAcquire("b", 200, out _));
        Assert.False(_limiter.TryAcquire("a", 1, out _));
    }

    [Fact]
    public void TryAcquire_LongIdle_RefillsOnlyUpToTheBurst()
    {
        Assert.True(_limiter.TryAcquire("a", 200, out _));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True(_limiter.TryAcquire("a", 200, out _));
        Assert.False(_limiter.TryAcquire("a", 1, out _));
    }
}
