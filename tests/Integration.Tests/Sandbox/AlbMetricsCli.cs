using System.Globalization;
using Reconciler.Controller.Sandbox.DataPlane;
using Reconciler.Integration.Tests.Cli;

namespace Reconciler.Integration.Tests.Sandbox;

/// <summary>Reads the load balancer's metrics back with <c>aws cloudwatch get-metric-statistics</c>, independent of the publisher.</summary>
internal static class AlbMetricsCli
{
    /// <summary>The statistic over the last and next 10 minutes in one period, summed over datapoints; NaN when there are none.</summary>
    public static async Task<double> StatisticAsync(AwsCli aws, string metric, string balancer, string group, string statistic)
    {
        var now = DateTimeOffset.UtcNow;
        var answer = await aws.RunAsync(
            "cloudwatch", "get-metric-statistics",
            "--namespace", AlbMetricsPublisher.Namespace,
            "--metric-name", metric,
            "--dimensions", $"Name=LoadBalancer,Value={balancer}", $"Name=TargetGroup,Value={group}",
            "--start-time", now.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture),
            "--end-time", now.AddMinutes(10).ToString("O", CultureInfo.InvariantCulture),
            "--period", "3600",
            "--statistics", statistic);
        var points = answer!["Datapoints"]!.AsArray();
        return points.Count == 0 ? double.NaN : points.Sum(p => p![statistic]!.GetValue<double>());
    }
}
