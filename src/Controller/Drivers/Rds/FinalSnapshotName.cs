using System.Globalization;
using System.Text;

namespace Reconciler.Controller.Drivers.Rds;

/// <summary>
/// The name of the snapshot a DbInstance's explicit delete leaves behind:
/// <c>{stack}-{name}-final-{yyyyMMdd-HHmmss}</c> at the injected clock's UTC time, made a valid RDS
/// snapshot identifier (letters, digits and single hyphens, starting with a letter, at most 255 characters).
/// </summary>
internal static class FinalSnapshotName
{
    private const int MaxLength = 255;

    public static string For(string stack, string name, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var suffix = $"-final-{stamp}";
        var prefix = Sanitize($"{stack}-{name}");
        if (prefix.Length + suffix.Length > MaxLength)
        {
            prefix = prefix[..(MaxLength - suffix.Length)].TrimEnd('-');
        }

        return prefix + suffix;
    }

    // Lower case; anything but a letter or digit becomes one hyphen; no leading or trailing hyphen; a letter first.
    private static string Sanitize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                result.Append(c);
            }
            else if (result.Length > 0 && result[^1] != '-')
            {
                result.Append('-');
            }
        }

        var sanitized = result.ToString().TrimEnd('-');
        return sanitized.Length == 0 || !char.IsAsciiLetter(sanitized[0]) ? "db-" + sanitized : sanitized;
    }
}
