using System.Globalization;

namespace Reconciler.Model.Specs;

/// <summary>An alarm threshold between its document form (text, so <c>1.5</c> stays exact) and CloudWatch's double.</summary>
public static class AlarmThreshold
{
    /// <summary>The number a document's threshold holds, or null when it is not one.</summary>
    public static double? Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>A live threshold in the shortest form that reads back to it: 5, 1.5, 1000000000.</summary>
    public static string Format(double value) => ((decimal)value).ToString(CultureInfo.InvariantCulture);
}
