using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Http;

/// <summary>
/// Per-key rate limit counted in items, so a batch of 100 costs 100. Time comes from <see cref="TimeProvider"/>,
/// which lets tests move a fake clock instead of sleeping.
/// </summary>
internal sealed class ItemRateLimiter(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly AuthOptions _options = options.Value;

    public bool TryAcquire(string keyName, int items, out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(keyName, static (_, state) => new TokenBucket(state.Options.BurstItems, state.Options.ItemsPerSecond, state.Now), (Options: _options, Now: now));
        return bucket.TryTake(items, now, time, out retryAfter);
    }
}
