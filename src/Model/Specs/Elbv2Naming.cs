namespace Reconciler.Model.Specs;

/// <summary>Elastic Load Balancing's naming rules for load balancers (and target groups).</summary>
internal static class Elbv2Naming
{
    /// <summary>The longest name ELB accepts.</summary>
    public const int MaxLength = 32;

    /// <summary>The rule a name breaks (the first, in this order), or null.</summary>
    public static string? Problem(string name) =>
        name.Length is 0 or > MaxLength ? $"must be 1 to {MaxLength} characters long (this one has {name.Length})"
        : name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-') ? "may contain only letters, digits and hyphens"
        : name[0] == '-' || name[^1] == '-' ? "must not start or end with a hyphen"
        : name.StartsWith("internal-", StringComparison.OrdinalIgnoreCase) ? "must not start with 'internal-'"
        : null;
}
