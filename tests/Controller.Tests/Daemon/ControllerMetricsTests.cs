using System.Diagnostics.Metrics;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Daemon;

namespace Reconciler.Controller.Tests.Daemon;

public sealed class ControllerMetricsTests
{
    [Fact]
    public void CycleDuration_IsInSecondsWithBucketsInSeconds()
    {
        Histogram<double>? cycle = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument is Histogram<double> { Name: "reconciler_cycle_duration" } histogram && instrument.Meter.Name == ControllerMetrics.MeterName)
                {
                    cycle = histogram;
                }
            },
        };
        listener.Start();
        var log = new AwsRequestLog();
        var budget = new AwsRequestBudget();

        using var metrics = new ControllerMetrics(log, log, budget);

        Assert.NotNull(cycle);
        Assert.Equal("s", cycle.Unit);
        var buckets = cycle.Advice?.HistogramBucketBoundaries;
        Assert.NotNull(buckets);
        // A sub-second cycle and a minutes-long one land in different buckets; no bound is a millisecond count.
        Assert.Contains(buckets, b => b < 1);
        Assert.InRange(buckets.Max(), 60, 600);
    }
}
