using System.Globalization;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// Scalars as text, the way the query protocol, XML answers, URIs, query strings and headers
/// carry them: booleans as true/false, numbers invariant, blobs as base64, timestamps in the
/// format the member or the location asks for.
/// </summary>
internal static class AwsScalars
{
    /// <summary>The text of a scalar; <paramref name="timestamps"/> is the location's default when the member names none.</summary>
    public static string Format(object value, AwsTimestampFormat member, AwsTimestampFormat timestamps) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTimeOffset time => FormatTimestamp(time, member == AwsTimestampFormat.Default ? timestamps : member),
        DateTime time => FormatTimestamp(new DateTimeOffset(time.ToUniversalTime()), member == AwsTimestampFormat.Default ? timestamps : member),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A timestamp in one of the model's formats.</summary>
    public static string FormatTimestamp(DateTimeOffset time, AwsTimestampFormat format)
    {
        var utc = time.ToUniversalTime();
        return format switch
        {
            AwsTimestampFormat.UnixTimestamp => (utc.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture),
            AwsTimestampFormat.Rfc822 => utc.ToString("r", CultureInfo.InvariantCulture),
            // Milliseconds only when there are any, as botocore writes them.
            _ => utc.Millisecond == 0
                ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Reads a scalar of <paramref name="type"/> (nullable or not) from its text.</summary>
    public static object? Parse(string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return text;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return target switch
        {
            _ when target == typeof(bool) => bool.Parse(text),
            _ when target == typeof(int) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
            _ when target == typeof(long) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
            _ when target == typeof(double) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ when target == typeof(float) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ when target == typeof(byte[]) => Convert.FromBase64String(text),
            _ when target == typeof(DateTimeOffset) => ParseTimestamp(text),
            _ => throw new NotSupportedException($"AWS scalar type {target.Name} is not supported; the generator maps model types to string, bool, int, long, double, byte[] and DateTimeOffset."),
        };
    }

    /// <summary>A timestamp in any of the model's formats: epoch seconds, ISO 8601 or RFC 1123.</summary>
    public static DateTimeOffset ParseTimestamp(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m));
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
