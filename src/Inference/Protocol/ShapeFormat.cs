namespace Reconciler.Inference.Protocol;

/// <summary>Prints shapes in error messages the way they appear in requests.</summary>
internal static class ShapeFormat
{
    public static string Format(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(",", parts) + "]";
    }
}
