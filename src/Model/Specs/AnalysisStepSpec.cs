using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// An analysis step: measures every metric once per its interval (the first at once). The step
/// passes when every metric has <c>count</c> passing measurements, and fails (the rollout aborts)
/// as soon as one metric has failed more than <c>failureLimit</c> times. A measurement without
/// data is inconclusive: it neither passes nor fails, so a rollout never advances on silence.
/// </summary>
public sealed record AnalysisStepSpec
{
    /// <summary>The metrics to measure.</summary>
    public required IReadOnlyList<AnalysisMetricSpec> Metrics { get; init; }

    /// <summary>At least one metric, names unique.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (Metrics is null)
        {
            return;
        }

        if (Metrics.Count == 0)
        {
            rules.Error($"{path}.metrics", $"{path}.metrics in InferenceService spec is empty; list at least one metric, e.g. - name: error-rate, type: errorRate, threshold: 0.01");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Metrics.Count; i++)
        {
            if (Metrics[i] is not { } metric)
            {
                continue;
            }

            if (metric.Name is not null && !seen.Add(metric.Name))
            {
                rules.Error($"{path}.metrics[{i}].name", $"{path}.metrics[{i}].name '{metric.Name}' in InferenceService spec is used twice in this analysis; give each metric its own name");
            }

            metric.Validate(rules, $"{path}.metrics[{i}]");
        }
    }
}
