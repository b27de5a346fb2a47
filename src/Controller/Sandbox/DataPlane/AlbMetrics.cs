namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// What the proxy served since the last publication, per target group: the counts and the
/// response times an ALB turns into RequestCount, HTTPCode_Target_5XX_Count and
/// TargetResponseTime. Thread-safe: every proxied request records into it; the publisher drains it.
/// </summary>
internal sealed class AlbMetrics
{
    private readonly Lock _lock = new();
    private Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private long _elb5xx;

    /// <summary>A request the proxy sent to the target group with this dimension, its status and the time the target took.</summary>
    public void Record(string targetGroupDimension, int statusCode, TimeSpan responseTime)
    {
        lock (_lock)
        {
            if (!_tallies.TryGetValue(targetGroupDimension, out var tally))
            {
                tally = new Tally();
                _tallies[targetGroupDimension] = tally;
            }

            tally.Requests++;
            if (statusCode is >= 500 and <= 599)
            {
                tally.Target5xx++;
            }

            tally.ResponseTimes.Add(responseTime.TotalSeconds);
        }
    }

    /// <summary>A request the proxy answered itself (no target group had weight, or its service was not up): an ALB's own 5xx.</summary>
    public void RecordElb5xx() => Interlocked.Increment(ref _elb5xx);

    /// <summary>Everything recorded since the last drain, and a fresh start.</summary>
    public AlbPeriod Drain()
    {
        Dictionary<string, Tally> tallies;
        lock (_lock)
        {
            tallies = _tallies;
            _tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        }

        return new AlbPeriod(
            tallies.Select(t => new TargetGroupTally(t.Key, t.Value.Requests, t.Value.Target5xx, t.Value.ResponseTimes)).ToArray(),
            Interlocked.Exchange(ref _elb5xx, 0));
    }

    private sealed class Tally
    {
        public long Requests { get; set; }

        public long Target5xx { get; set; }

        public List<double> ResponseTimes { get; } = [];
    }
}

/// <summary>One publication period's tallies.</summary>
/// <param name="TargetGroups">Per target group that served requests.</param>
/// <param name="Elb5xx">Requests the proxy answered with 503 itself.</param>
internal sealed record AlbPeriod(IReadOnlyList<TargetGroupTally> TargetGroups, long Elb5xx);

/// <summary>One target group's requests in a period.</summary>
/// <param name="Dimension">Its <c>TargetGroup</c> dimension.</param>
/// <param name="Requests">Requests sent to it.</param>
/// <param name="Target5xx">Of those, answered 5xx by the target.</param>
/// <param name="ResponseTimes">Each request's target response time, in seconds.</param>
internal sealed record TargetGroupTally(string Dimension, long Requests, long Target5xx, IReadOnlyList<double> ResponseTimes);
