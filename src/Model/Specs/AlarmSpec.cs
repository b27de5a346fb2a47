using Reconciler.Model.Kinds;
using Reconciler.Model.Loading;
using Reconciler.Model.Monitoring;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A CloudWatch metric alarm: one metric (namespace, name, dimensions), a statistic over a
/// period, a threshold, and the topics told when it fires and when it recovers.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed (<c>{stack}-{name}</c> by default) and unique
/// per account and region. Every other field changes in place (PutMetricAlarm rewrites the alarm).
/// </remarks>
[Kind("Alarm")]
public sealed record AlarmSpec : IResourceSpec
{
    /// <summary>The alarm's name. Defaults to <c>{stack}-{document name}</c>; changing it replaces the alarm.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? AlarmName { get; init; }

    /// <summary>What the alarm means and what to do about it: it goes out with every notification.</summary>
    public string? Description { get; init; }

    /// <summary>The metric's namespace: an AWS one (<c>AWS/ApplicationELB</c>) or the application's own.</summary>
    public required string Namespace { get; init; }

    /// <summary>The metric's name, e.g. HTTPCode_Target_5XX_Count.</summary>
    public required string MetricName { get; init; }

    /// <summary>The metric's dimensions. Compared as a set.</summary>
    public IReadOnlyList<AlarmDimensionSpec> Dimensions { get; init; } = [];

    /// <summary>The statistic over each period; set this or extendedStatistic.</summary>
    [AllowedValues("Average", "Sum", "Minimum", "Maximum", "SampleCount")]
    public string? Statistic { get; init; }

    /// <summary>A percentile such as p99 (or another extended statistic); set this or statistic.</summary>
    public string? ExtendedStatistic { get; init; }

    /// <summary>Seconds per datapoint: 10, 20 or 30 (high resolution, priced higher) or a multiple of 60.</summary>
    [Range(10, 86400)]
    public int Period { get; init; } = 60;

    /// <summary>How many recent periods are evaluated.</summary>
    [Range(1, 1440)]
    public int EvaluationPeriods { get; init; } = 1;

    /// <summary>How many of those periods must breach to fire (M of N); unmanaged when absent (AWS then needs all of them).</summary>
    [Range(1, 1440)]
    public int? DatapointsToAlarm { get; init; }

    /// <summary>The threshold, as a number (<c>5</c>, <c>1.5</c>, <c>1000000000</c>).</summary>
    public required string Threshold { get; init; }

    /// <summary>How the statistic is compared with the threshold.</summary>
    [AllowedValues("GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold")]
    public required string ComparisonOperator { get; init; }

    /// <summary>How periods without data count: missing (keep the state), notBreaching, breaching or ignore.</summary>
    [AllowedValues("missing", "notBreaching", "breaching", "ignore")]
    public string TreatMissingData { get; init; } = "missing";

    /// <summary>The Topic documents notified when the alarm fires.</summary>
    [Reference("Topic")]
    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    /// <summary>The Topic documents notified when the alarm recovers.</summary>
    [Reference("Topic")]
    public IReadOnlyList<string> OkActions { get; init; } = [];

    /// <summary>
    /// One statistic; a real namespace (an <c>AWS/</c> one that does not exist never gets data);
    /// a known metric name in it; one value per dimension; a period CloudWatch accepts; M of N in
    /// order; a threshold that is a number; and someone told when it fires.
    /// </summary>
    public void Validate(SpecRules rules)
    {
        if (rules.IsSet("statistic") == rules.IsSet("extendedStatistic"))
        {
            rules.Error(rules.IsSet("statistic") ? "statistic" : "metricName", "Alarm spec sets " + (rules.IsSet("statistic") ? "both statistic and extendedStatistic" : "neither statistic nor extendedStatistic") + "; set exactly one (statistic: Average, or extendedStatistic: p99)");
        }

        CheckMetric(rules);
        CheckDimensions(rules);
        if (rules.HasValue("period") && Period is not (10 or 20 or 30) && Period % 60 != 0)
        {
            rules.Error("period", $"period {Period} in Alarm spec is not one CloudWatch accepts; use 10, 20 or 30 (high resolution) or a multiple of 60");
        }

        if (DatapointsToAlarm is { } m && rules.HasValue("evaluationPeriods") && m > EvaluationPeriods)
        {
            rules.Error("datapointsToAlarm", $"datapointsToAlarm {m} in Alarm spec is more than evaluationPeriods {EvaluationPeriods}; an alarm fires on M of N periods, so lower it or raise evaluationPeriods");
        }

        CheckThreshold(rules);

        if (AlarmActions.Count == 0 && OkActions.Count == 0)
        {
            rules.Warn("alarmActions", "Alarm spec has no alarmActions and no okActions, so nobody is told when it fires; add a Topic to alarmActions");
        }
    }

    private void CheckMetric(SpecRules rules)
    {
        if (!rules.HasValue("namespace") || !MetricNamespaces.IsAwsNamespace(Namespace))
        {
            return;
        }

        if (!MetricNamespaces.Aws.TryGetValue(Namespace, out var metrics))
        {
            var close = MetricNamespaces.Closest(Namespace, Suggestions.Distance);
            rules.Error("namespace", $"namespace '{Namespace}' in Alarm spec is not an AWS metric namespace (names under AWS/ are AWS's own, and an alarm on one that does not exist never fires); closest real ones: {string.Join(", ", close)}; or use a custom namespace without the AWS/ prefix");
            return;
        }

        if (rules.HasValue("metricName") && metrics.Count > 0 && !metrics.Contains(MetricName))
        {
            rules.Warn("metricName", $"metric '{MetricName}' is not one {Namespace} is known to publish, so the alarm may never get data{Suggestions.Hint(MetricName, metrics, "metrics")}");
        }
    }

    private void CheckThreshold(SpecRules rules)
    {
        if (!rules.HasValue("threshold"))
        {
            return;
        }

        if (AlarmThreshold.Parse(Threshold) is not { } threshold)
        {
            rules.Error("threshold", $"threshold '{Threshold}' in Alarm spec is not a number; write it as e.g. 5 or 1.5");
        }
        else if (AlarmThreshold.Format(threshold) != Threshold)
        {
            // CloudWatch gives the threshold back as a number: only its plain form compares equal.
            rules.Error("threshold", $"threshold '{Threshold}' in Alarm spec is written in a form CloudWatch does not give back; write it as {AlarmThreshold.Format(threshold)}");
        }
    }

    private void CheckDimensions(SpecRules rules)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Dimensions.Count; i++)
        {
            if (Dimensions[i] is not { } dimension)
            {
                continue;
            }

            var path = $"dimensions[{i}]";
            var set = AlarmDimensionSpec.ValueFields.Where(f => rules.IsSet($"{path}.{f}")).ToList();
            if (set.Count != 1)
            {
                rules.Error(path, $"dimension Alarm spec.{path} has " + (set.Count == 0 ? "no value" : $"{set.Count} values ({string.Join(", ", set)})") + $"; set exactly one of {string.Join(", ", AlarmDimensionSpec.ValueFields)}");
            }

            if (rules.HasValue($"{path}.name") && !names.Add(dimension.Name))
            {
                rules.Error($"{path}.name", $"dimension '{dimension.Name}' appears twice in Alarm spec.dimensions; a metric has one value per dimension, so remove one");
            }
        }
    }

    /// <summary>One alarm on one metric: standard resolution, or high resolution for periods under a minute.</summary>
    public MonthlyCost Price(PriceTable prices) => Period < 60
        ? new MonthlyCost(prices.Price("cloudwatch.alarmHighResolution"), $"1 high-resolution alarm ({Period} s period)")
        : new MonthlyCost(prices.Price("cloudwatch.alarm"), "1 standard-resolution alarm on 1 metric");
}
