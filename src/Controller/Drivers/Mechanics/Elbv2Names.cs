using System.Security.Cryptography;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Names for ELBv2 resources whose documents fix none (target groups): ELB names are unique per
/// account and region, at most 32 characters of letters, digits and single hyphens, neither
/// starting nor ending with a hyphen. A generated name is the stack and document names, cut to
/// fit, and a random suffix, so a replacement can exist beside the resource it replaces.
/// </summary>
internal static class Elbv2Names
{
    private const int MaxLength = 32;
    private const int SuffixLength = 6;

    /// <summary>A fresh name for the document <paramref name="name"/> of stack <paramref name="stack"/>.</summary>
    public static string Generated(string stack, string name)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SuffixLength / 2));
        var readable = new string([.. $"{stack}-{name}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        readable = readable[..Math.Min(readable.Length, MaxLength - SuffixLength - 1)].Trim('-');
        while (readable.Contains("--", StringComparison.Ordinal))
        {
            readable = readable.Replace("--", "-", StringComparison.Ordinal);
        }

        return readable.Length == 0 ? suffix : $"{readable}-{suffix}";
    }
}
