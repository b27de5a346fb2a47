namespace Reconciler.Controller.Permissions;

/// <summary>
/// How one service's actions are narrowed to one stack. Services whose resources the stack names
/// (<c>{stack}-name</c>, <c>/{stack}/name</c>) are narrowed by ARN patterns on that prefix; the
/// others (EC2's ids, load balancers' generated ARNs) by the stack's tag: <c>aws:ResourceTag</c>
/// on what exists, <c>aws:RequestTag</c> on what a create makes.
/// </summary>
/// <param name="Prefix">The IAM action prefix, e.g. <c>iam</c>.</param>
/// <param name="Title">The service in statement ids, e.g. <c>Iam</c>.</param>
/// <param name="NamePatterns">
/// ARN patterns with <c>{region}</c>, <c>{account}</c> and <c>{stack}</c> placeholders; empty for
/// a service narrowed by tag.
/// </param>
/// <param name="UnscopedReads">
/// Read actions that take no resource ARN (listing everything of a kind): allowed on <c>*</c>,
/// the only <c>*</c> resource the policy has. For a service narrowed by tag every List and
/// Describe is one.
/// </param>
internal sealed record ServiceScope(string Prefix, string Title, IReadOnlyList<string> NamePatterns, IReadOnlySet<string> UnscopedReads)
{
    /// <summary>Whether the stack names this service's resources, so ARNs can be narrowed by name.</summary>
    public bool ByName => NamePatterns.Count > 0;

    /// <summary>The name patterns for <paramref name="stack"/> in <paramref name="region"/> and <paramref name="account"/>.</summary>
    public IReadOnlyList<string> Arns(string stack, string region, string account) =>
        [.. NamePatterns.Select(p => p.Replace("{stack}", stack, StringComparison.Ordinal).Replace("{region}", region, StringComparison.Ordinal).Replace("{account}", account, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="action"/> (a read) goes on <c>*</c> because it takes no resource ARN.</summary>
    public bool IsUnscopedRead(string action)
    {
        var verb = action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return UnscopedReads.Contains(verb) || (!ByName && (verb.StartsWith("List", StringComparison.Ordinal) || verb.StartsWith("Describe", StringComparison.Ordinal)));
    }
}
