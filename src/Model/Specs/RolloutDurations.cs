using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Model.Specs;

/// <summary>The durations rollout steps are written in: a whole number of seconds, minutes or hours (30s, 5m, 1h).</summary>
public static partial class RolloutDurations
{
    /// <summary>Parses <paramref name="text"/>; false when it is not such a duration or is zero.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true } || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount is 0 or > 1_000_000)
        {
            return false;
        }

        duration = match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
        return true;
    }

    /// <summary>Parses a duration that validation has already accepted.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration such as 30s, 5m or 1h.");

    [GeneratedRegex("^([0-9]+)(s|m|h)$")]
    private static partial Regex Pattern();
}
