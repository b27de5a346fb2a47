using System.Globalization;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>Reads <c>--sandbox-load</c>: requests per second, as <c>20</c>, <c>20/s</c> or <c>1200/m</c>; <c>0</c> or <c>off</c> for none.</summary>
internal static class LoadRate
{
    /// <summary>The rate in requests per second, or NaN when <paramref name="text"/> is not a rate (the options' validation then names the option).</summary>
    public static double Parse(string text)
    {
        var value = text.Trim();
        if (value is "off" or "0")
        {
            return 0;
        }

        var perMinute = value.EndsWith("/m", StringComparison.Ordinal);
        if (perMinute || value.EndsWith("/s", StringComparison.Ordinal))
        {
            value = value[..^2];
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate)
            ? (perMinute ? rate / 60 : rate)
            : double.NaN;
    }
}
