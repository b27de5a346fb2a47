namespace Reconciler.Inference.Http;

/// <summary>One key's budget of items: refills continuously at a rate, holds at most a burst.</summary>
internal sealed class TokenBucket(double capacity, double perSecond, long now)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = capacity;
    private double _tokens = capacity;
    private long _updated = now;

    /// <summary>Takes <paramref name="items"/> if there are enough; otherwise says how long until there will be.</summary>
    public bool TryTake(int items, long now, TimeProvider time, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            _tokens = Math.Min(_capacity, _tokens + (time.GetElapsedTime(_updated, now).TotalSeconds * perSecond));
            _updated = now;
            if (_tokens >= items)
            {
                _tokens -= items;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((items - _tokens) / perSecond);
            return false;
        }
    }
}
