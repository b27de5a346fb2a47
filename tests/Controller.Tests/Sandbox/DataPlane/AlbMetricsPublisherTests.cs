using Reconciler.Controller.Sandbox.DataPlane;

namespace Reconciler.Controller.Tests.Sandbox.DataPlane;

public sealed class AlbMetricsPublisherTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Datums_TargetGroupThatServed_GetsCountsErrorsAndRawResponseTimes()
    {
        var metrics = new AlbMetrics();
        metrics.Record("targetgroup/green/1", 200, TimeSpan.FromMilliseconds(12));
        metrics.Record("targetgroup/green/1", 500, TimeSpan.FromMilliseconds(12));
        metrics.Record("targetgroup/green/1", 200, TimeSpan.FromMilliseconds(30));

        var datums = AlbMetricsPublisher.Datums(metrics.Drain(), "app/web/9", At);

        var green = datums.Where(d => d.Dimensions!.Any(x => x.Name == "TargetGroup")).ToDictionary(d => d.MetricName);
        Assert.Equal(3, green["RequestCount"].Value);
        Assert.Equal(1, green["HTTPCode_Target_5XX_Count"].Value);
        Assert.Equal([0.012, 0.03], green["TargetResponseTime"].Values);
        Assert.Equal([2.0, 1.0], green["TargetResponseTime"].Counts);
        Assert.Equal("Seconds", green["TargetResponseTime"].Unit);
        Assert.Equal(["LoadBalancer=app/web/9", "TargetGroup=targetgroup/green/1"], green["RequestCount"].Dimensions!.Select(d => $"{d.Name}={d.Value}"));
    }

    [Fact]
    public void Datums_NoErrors_PublishesZeroSoNoDataMeansNoRequests()
    {
        var metrics = new AlbMetrics();
        metrics.Record("targetgroup/blue/1", 200, TimeSpan.FromMilliseconds(5));

        var datums = AlbMetricsPublisher.Datums(metrics.Drain(), "app/web/9", At);

        Assert.Equal(0, datums.Single(d => d.MetricName == "HTTPCode_Target_5XX_Count" && d.Dimensions!.Count == 2).Value);
    }

    [Fact]
    public void Datums_PeriodWithoutRequests_IsEmpty() =>
        Assert.Empty(AlbMetricsPublisher.Datums(new AlbMetrics().Drain(), "app/web/9", At));

    [Fact]
    public void Datums_LoadBalancersOwn503s_CountInItsTotalsOnly()
    {
        var metrics = new AlbMetrics();
        metrics.RecordElb5xx();
        metrics.Record("targetgroup/blue/1", 200, TimeSpan.FromMilliseconds(5));

        var balancer = AlbMetricsPublisher.Datums(metrics.Drain(), "app/web/9", At).Where(d => d.Dimensions!.Count == 1).ToDictionary(d => d.MetricName, d => d.Value);

        Assert.Equal(2, balancer["RequestCount"]);
        Assert.Equal(1, balancer["HTTPCode_ELB_5XX_Count"]);
    }

    [Fact]
    public void Drain_StartsAFreshPeriod()
    {
        var metrics = new AlbMetrics();
        metrics.Record("targetgroup/blue/1", 200, TimeSpan.FromMilliseconds(5));
        metrics.Drain();

        Assert.Empty(metrics.Drain().TargetGroups);
    }
}
