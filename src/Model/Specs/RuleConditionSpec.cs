using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One condition of a listener rule: the request's path, host or a header matches one of the values.</summary>
public sealed record RuleConditionSpec
{
    /// <summary>path-pattern, host-header or http-header.</summary>
    [AllowedValues("path-pattern", "host-header", "http-header")]
    public required string Field { get; init; }

    /// <summary>The patterns (* and ? wildcards); the condition holds when any matches. Compared as a set.</summary>
    public required IReadOnlyList<string> Values { get; init; }

    /// <summary>The header an http-header condition looks at.</summary>
    public string? HttpHeaderName { get; init; }
}
