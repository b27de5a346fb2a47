using System.Globalization;

namespace Reconciler.Controller.Cli;

/// <summary>Reads durations written as people write them: <c>500ms</c>, <c>15s</c>, <c>5m</c>, <c>1h</c>.</summary>
internal static class Durations
{
    public static TimeSpan Parse(string option, string text)
    {
        var units = new (string Suffix, Func<double, TimeSpan> Make)[]
        {
            ("ms", TimeSpan.FromMilliseconds),
            ("s", TimeSpan.FromSeconds),
            ("m", TimeSpan.FromMinutes),
            ("h", TimeSpan.FromHours),
        };
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0)
            {
                return make(value);
            }
        }

        throw new CliUsageException($"--{option} must be a duration such as 500ms, 15s, 5m or 1h, not '{text}'.");
    }
}
