using Reconciler.Aws.Clients.CloudWatch;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// Turns a period's tallies into the metrics an Application Load Balancer publishes, in its
/// namespace and with its dimensions, and puts them into CloudWatch (the emulator's):
/// per target group (<c>LoadBalancer</c> + <c>TargetGroup</c>) RequestCount,
/// HTTPCode_Target_5XX_Count and TargetResponseTime (seconds, every request's value as
/// Values/Counts so averages and percentiles come from raw samples); per load balancer
/// RequestCount and HTTPCode_ELB_5XX_Count.
/// </summary>
/// <remarks>
/// Unlike AWS, a target group that served requests gets HTTPCode_Target_5XX_Count 0 rather than
/// no datapoint: "no data" then means "no requests", which an analysis must treat as
/// inconclusive, while "no errors" is a measurement.
/// </remarks>
internal sealed class AlbMetricsPublisher(ICloudWatchClient cloudWatch)
{
    public const string Namespace = "AWS/ApplicationELB";

    /// <summary>CloudWatch takes at most 150 distinct values in one datum.</summary>
    private const int MaxValuesPerDatum = 150;

    /// <summary>CloudWatch takes at most 1000 datums in one PutMetricData.</summary>
    private const int MaxDatumsPerRequest = 1000;

    /// <summary>The datums for one period, stamped <paramref name="timestamp"/>.</summary>
    public static IReadOnlyList<MetricDatum> Datums(AlbPeriod period, string loadBalancerDimension, DateTimeOffset timestamp)
    {
        var datums = new List<MetricDatum>();
        var balancer = new Dimension { Name = "LoadBalancer", Value = loadBalancerDimension };
        foreach (var group in period.TargetGroups.Where(g => g.Requests > 0))
        {
            IReadOnlyList<Dimension> dimensions = [balancer, new Dimension { Name = "TargetGroup", Value = group.Dimension }];
            datums.Add(Count("RequestCount", dimensions, group.Requests, timestamp));
            datums.Add(Count("HTTPCode_Target_5XX_Count", dimensions, group.Target5xx, timestamp));
            // Values rounded to 0.1 ms and counted: the same samples in fewer distinct values.
            var histogram = group.ResponseTimes
                .GroupBy(t => Math.Round(t, 4))
                .OrderBy(g => g.Key)
                .Select(g => (Value: g.Key, Count: (double)g.Count()))
                .ToArray();
            foreach (var chunk in histogram.Chunk(MaxValuesPerDatum))
            {
                datums.Add(new MetricDatum
                {
                    MetricName = "TargetResponseTime",
                    Dimensions = dimensions,
                    Timestamp = timestamp,
                    Values = chunk.Select(c => c.Value).ToArray(),
                    Counts = chunk.Select(c => c.Count).ToArray(),
                    Unit = "Seconds",
                });
            }
        }

        var total = period.TargetGroups.Sum(g => g.Requests) + period.Elb5xx;
        if (total > 0)
        {
            datums.Add(Count("RequestCount", [balancer], total, timestamp));
            datums.Add(Count("HTTPCode_ELB_5XX_Count", [balancer], period.Elb5xx, timestamp));
        }

        return datums;
    }

    /// <summary>Publishes one period; nothing is sent for a period without requests (as an ALB does).</summary>
    public async Task PublishAsync(AlbPeriod period, string loadBalancerDimension, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        foreach (var batch in Datums(period, loadBalancerDimension, timestamp).Chunk(MaxDatumsPerRequest))
        {
            await cloudWatch.PutMetricDataAsync(new PutMetricDataInput { Namespace = Namespace, MetricData = batch }, cancellationToken);
        }
    }

    private static MetricDatum Count(string name, IReadOnlyList<Dimension> dimensions, long value, DateTimeOffset timestamp) => new()
    {
        MetricName = name,
        Dimensions = dimensions,
        Timestamp = timestamp,
        Value = value,
        Unit = "Count",
    };
}
