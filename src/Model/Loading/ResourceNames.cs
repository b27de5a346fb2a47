using System.Text.RegularExpressions;

namespace Reconciler.Model.Loading;

/// <summary>The naming rule for documents and stacks: they end up in AWS names and tags.</summary>
internal static partial class ResourceNames
{
    public const string Rule = "use lowercase letters, digits and hyphens, start and end with a letter or digit, at most 63 characters";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
