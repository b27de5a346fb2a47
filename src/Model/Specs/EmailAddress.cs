namespace Reconciler.Model.Specs;

/// <summary>The check that a subscriber address is an email address at all (a typo is caught before AWS mails nobody).</summary>
internal static class EmailAddress
{
    /// <summary>One <c>@</c> with text on both sides, a dot in the domain, no spaces.</summary>
    public static bool LooksValid(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == address.LastIndexOf('@')
            && address.IndexOf('.', at) > at + 1
            && !address.EndsWith('.')
            && !address.Any(char.IsWhiteSpace);
    }
}
