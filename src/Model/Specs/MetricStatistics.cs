using System.Globalization;

namespace Reconciler.Model.Specs;

/// <summary>The CloudWatch statistics an analysis may read.</summary>
public static class MetricStatistics
{
    private static readonly string[] Plain = ["Average", "Sum", "Maximum", "Minimum", "SampleCount"];

    /// <summary>Average, Sum, Maximum, Minimum, SampleCount, or pNN / pNN.N between 0 and 100.</summary>
    public static bool IsKnown(string statistic) =>
        Plain.Contains(statistic, StringComparer.Ordinal)
        || (statistic.StartsWith('p')
            && double.TryParse(statistic[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percentile)
            && percentile is > 0 and <= 100);
}
