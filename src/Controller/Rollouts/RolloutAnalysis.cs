using System.Globalization;
using Reconciler.Aws.Clients.CloudWatch;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// Takes one measurement of an analysis metric with GetMetricData over the metric's last
/// interval. The built-in metrics read the runtime's own metrics for green (see
/// <see cref="MetricSource"/>): AWS/ApplicationELB for green's target group, AWS/Lambda for
/// green's version behind the alias. No data is inconclusive: an error rate needs requests (a
/// missing error count with requests is 0, as the ALB publishes no zero counts), a latency or
/// query needs a datapoint. Latency is in seconds on every runtime (Lambda's Duration is ms).
/// </summary>
internal sealed class RolloutAnalysis(ICloudWatchClient cloudWatch)
{
    public async Task<Measurement> MeasureAsync(AnalysisMetricSpec metric, int step, MetricSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interval = RolloutDurations.Parse(metric.Interval);
        var start = now - interval;
        var (value, detail) = metric.Type switch
        {
            AnalysisMetricSpec.ErrorRateType => await ErrorRateAsync(source, start, now, interval, cancellationToken),
            AnalysisMetricSpec.LatencyType => await SingleAsync(source.Namespace, source.Latency, GreenDimensions(source), metric.EffectiveStatistic(), start, now, interval, source.LatencyToSeconds, "s", cancellationToken),
            _ => await SingleAsync(metric.Query!.Namespace, metric.Query.MetricName, QueryDimensions(metric.Query, source), metric.EffectiveStatistic(), start, now, interval, 1, "", cancellationToken),
        };
        var outcome = value is not { } v
            ? Measurement.Inconclusive
            : (metric.FailWhen == "below" ? v < metric.ThresholdValue() : v > metric.ThresholdValue()) ? Measurement.Failed : Measurement.Passed;
        return new Measurement
        {
            Metric = metric.Name,
            Step = step,
            At = now,
            Value = value,
            Threshold = metric.ThresholdValue(),
            FailWhen = metric.FailWhen,
            Outcome = outcome,
            Detail = detail,
        };
    }

    private async Task<(double?, string)> ErrorRateAsync(MetricSource source, DateTimeOffset start, DateTimeOffset end, TimeSpan interval, CancellationToken cancellationToken)
    {
        var sums = await SumsAsync(source.Namespace, [("requests", source.Requests), ("errors", source.Errors)], GreenDimensions(source), start, end, interval, cancellationToken);
        if (sums["requests"] is not { } requests || requests <= 0)
        {
            return (null, $"no {source.Counted.Requests} to green ({source.Green}) between {Time(start)} and {Time(end)}");
        }

        var errors = sums["errors"] ?? 0;
        return (errors / requests, $"{errors:0} of {requests:0} {source.Counted.Requests} {source.Counted.Errors} ({errors / requests:P2})");
    }

    private async Task<(double?, string)> SingleAsync(string ns, string name, IReadOnlyList<Dimension> dimensions, string statistic, DateTimeOffset start, DateTimeOffset end, TimeSpan interval, double scale, string unit, CancellationToken cancellationToken)
    {
        var response = await cloudWatch.GetMetricDataAsync(
            new GetMetricDataInput
            {
                StartTime = start,
                EndTime = end,
                MetricDataQueries = [Query("m", ns, name, dimensions, statistic, interval)],
            },
            cancellationToken);
        var values = (response.MetricDataResults?.FirstOrDefault()?.Values ?? []).Select(v => v * scale).ToList();
        return values.Count == 0
            ? (null, $"no {name} {statistic} data between {Time(start)} and {Time(end)}")
            : (values.Max(), $"{name} {statistic} {values.Max().ToString("0.####", CultureInfo.InvariantCulture)}{unit}");
    }

    private async Task<Dictionary<string, double?>> SumsAsync(string ns, IReadOnlyList<(string Id, string Name)> metrics, IReadOnlyList<Dimension> dimensions, DateTimeOffset start, DateTimeOffset end, TimeSpan interval, CancellationToken cancellationToken)
    {
        var response = await cloudWatch.GetMetricDataAsync(
            new GetMetricDataInput
            {
                StartTime = start,
                EndTime = end,
                MetricDataQueries = [.. metrics.Select(m => Query(m.Id, ns, m.Name, dimensions, "Sum", interval))],
            },
            cancellationToken);
        return metrics.ToDictionary(
            m => m.Id,
            m => response.MetricDataResults?.FirstOrDefault(r => r.Id == m.Id)?.Values is { Count: > 0 } values ? values.Sum() : (double?)null);
    }

    // One period covering the window (at least 60 s, as CloudWatch keeps standard-resolution data per minute).
    private static MetricDataQuery Query(string id, string ns, string name, IReadOnlyList<Dimension> dimensions, string statistic, TimeSpan interval) =>
        new()
        {
            Id = id,
            MetricStat = new MetricStat
            {
                Metric = new Metric { Namespace = ns, MetricName = name, Dimensions = dimensions },
                Period = Math.Max(60, (int)Math.Ceiling(interval.TotalSeconds / 60) * 60),
                Stat = statistic,
            },
            ReturnData = true,
        };

    private static IReadOnlyList<Dimension> GreenDimensions(MetricSource source) =>
        [.. source.GreenDimensions.Select(d => new Dimension { Name = d.Key, Value = d.Value })];

    private static IReadOnlyList<Dimension> QueryDimensions(MetricQuerySpec query, MetricSource source) =>
        [.. query.Dimensions.Select(d => new Dimension { Name = d.Name, Value = source.Fill(d.Value) })];

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
