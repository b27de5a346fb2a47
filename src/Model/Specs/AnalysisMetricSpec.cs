using System.Globalization;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// One metric an analysis measures on CloudWatch (GetMetricData) over its last interval:
/// <list type="bullet">
/// <item><c>errorRate</c>: green's HTTPCode_Target_5XX_Count / RequestCount from AWS/ApplicationELB;</item>
/// <item><c>latency</c>: green's TargetResponseTime (seconds) at <c>statistic</c> (p99 unless set);</item>
/// <item><c>query</c>: any metric, given by <c>query</c>, at <c>statistic</c> (Average unless set).</item>
/// </list>
/// A measurement fails when its value is above the threshold (<c>failWhen: below</c>: under it).
/// </summary>
public sealed record AnalysisMetricSpec
{
    /// <summary>The 5xx share of green's requests.</summary>
    public const string ErrorRateType = "errorRate";

    /// <summary>Green's response time.</summary>
    public const string LatencyType = "latency";

    /// <summary>A metric the document names.</summary>
    public const string QueryType = "query";

    /// <summary>The metric's name in status and alerts.</summary>
    public required string Name { get; init; }

    /// <summary>errorRate, latency or query.</summary>
    [AllowedValues(ErrorRateType, LatencyType, QueryType)]
    public required string Type { get; init; }

    /// <summary>The bound a measurement must keep, a number (a share 0..1 for errorRate, seconds for latency).</summary>
    public required string Threshold { get; init; }

    /// <summary>Whether values above (the default) or below the threshold fail.</summary>
    [AllowedValues("above", "below")]
    public string FailWhen { get; init; } = "above";

    /// <summary>How many failed measurements are tolerated; one more aborts the rollout.</summary>
    [Range(0, 100)]
    public int FailureLimit { get; init; }

    /// <summary>How many passing measurements the step needs from this metric.</summary>
    [Range(1, 100)]
    public int Count { get; init; } = 1;

    /// <summary>The time between measurements, and the window each one reads, e.g. 30s.</summary>
    public string Interval { get; init; } = "30s";

    /// <summary>The CloudWatch statistic for latency and query: Average, Sum, Maximum, Minimum, SampleCount or a percentile such as p99.</summary>
    public string? Statistic { get; init; }

    /// <summary>The metric of a <c>query</c> measurement.</summary>
    public MetricQuerySpec? Query { get; init; }

    /// <summary>The interval parses; a query is given exactly for type query; the statistic is one CloudWatch knows.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (!RolloutDurations.TryParse(Interval, out _))
        {
            rules.Error($"{path}.interval", $"{path}.interval '{Interval}' in InferenceService spec is not a duration; write e.g. 30s or 1m");
        }

        if (Type == ErrorRateType && rules.IsSet($"{path}.statistic"))
        {
            rules.Error($"{path}.statistic", $"{path}.statistic in InferenceService spec does not apply to type errorRate (a ratio of two sums); remove it");
        }

        if (Type == QueryType && Query is null)
        {
            rules.Error($"{path}.query", $"{path}.query in InferenceService spec is missing; type query needs query: {{namespace, metricName, dimensions}}");
        }

        if (Type != QueryType && Query is not null)
        {
            rules.Error($"{path}.query", $"{path}.query in InferenceService spec applies to type query only; remove it or set type: query");
        }

        if (Statistic is not null && !MetricStatistics.IsKnown(Statistic))
        {
            rules.Error($"{path}.statistic", $"{path}.statistic '{Statistic}' in InferenceService spec is not a CloudWatch statistic; use Average, Sum, Maximum, Minimum, SampleCount or a percentile such as p99");
        }

        if (Threshold is not null && !double.TryParse(Threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            rules.Error($"{path}.threshold", $"{path}.threshold '{Threshold}' in InferenceService spec is not a number; write e.g. 0.01 or 0.5");
        }
        else if (Type == ErrorRateType && ThresholdValue() is < 0 or > 1)
        {
            rules.Error($"{path}.threshold", $"{path}.threshold {Threshold} in InferenceService spec is an error share between 0 and 1 for type errorRate (0.01 is 1 %)");
        }
    }

    /// <summary>The threshold as a number (validation has checked it parses).</summary>
    public double ThresholdValue() => double.Parse(Threshold, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The statistic this metric reads.</summary>
    public string EffectiveStatistic() => Statistic ?? (Type == LatencyType ? "p99" : "Average");
}
