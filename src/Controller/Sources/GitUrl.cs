using System.Text.RegularExpressions;

namespace Reconciler.Controller.Sources;

/// <summary>Recognises git URLs, and keeps the credentials some people put in them out of logs, messages and disk.</summary>
internal static partial class GitUrl
{
    /// <summary>Schemes the git client here speaks.</summary>
    public static readonly IReadOnlyList<string> Schemes = ["https", "http", "ssh", "git", "file"];

    /// <summary>Whether the text is written as a URL ("scheme://...") or in scp form ("git@host:org/repo.git"), not as a local path.</summary>
    public static bool LooksLikeUrl(string text) => SchemePrefix().IsMatch(text) || ScpForm().IsMatch(text);

    /// <summary>The scheme in lower case ("https"), "ssh" for the scp form, or null for a local path.</summary>
    public static string? SchemeOf(string text)
    {
        var match = SchemePrefix().Match(text);
        if (match.Success)
        {
            return match.Groups["scheme"].Value.ToLowerInvariant();
        }

        return ScpForm().IsMatch(text) ? "ssh" : null;
    }

    /// <summary>
    /// Splits "https://user:secret@host/repo" into the URL without user info and the user and
    /// password, so the secret travels only through the credentials callback and never reaches the
    /// clone's config file. Only http(s): for ssh the user is the login name, not a secret.
    /// </summary>
    public static (string Url, string? Username, string? Password) SplitCredentials(string url)
    {
        if (SchemeOf(url) is not ("http" or "https") || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return (url, null, null);
        }

        var parts = uri.UserInfo.Split(':', 2);
        var username = Uri.UnescapeDataString(parts[0]);
        var password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        var bare = new UriBuilder(uri) { UserName = "", Password = "" }.Uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped);
        return (bare, username, password);
    }

    /// <summary>
    /// Hides the user info of every "scheme://user:secret@" in a text, keeping the rest readable.
    /// An ssh login name alone ("ssh://git@host") is kept: it is an account name, not a secret, and
    /// tells which account was tried.
    /// </summary>
    public static string Redact(string text) => UserInfo().Replace(text, match =>
    {
        var scheme = match.Groups["scheme"].Value;
        var user = match.Groups["user"].Value;
        var sshLogin = !scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !user.Contains(':', StringComparison.Ordinal);
        return sshLogin ? match.Value : $"{scheme}://***@";
    });

    /// <summary>
    /// <see cref="Redact"/> plus every given secret replaced by "***". Secrets shorter than four
    /// characters are left alone: replacing "a" everywhere would make the message unreadable, and
    /// such a value protects nothing.
    /// </summary>
    public static string Scrub(string text, params IEnumerable<string?> secrets)
    {
        var scrubbed = Redact(text);
        foreach (var secret in secrets)
        {
            if (secret is { Length: >= 4 })
            {
                scrubbed = scrubbed.Replace(secret, "***", StringComparison.Ordinal);
                var escaped = Uri.EscapeDataString(secret);
                scrubbed = scrubbed.Replace(escaped, "***", StringComparison.Ordinal);
            }
        }

        return scrubbed;
    }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://")]
    private static partial Regex SchemePrefix();

    // user@host:path with no "/" before the colon; a Windows drive ("C:\x") has no "@".
    [GeneratedRegex(@"^[^/\s@:]+@[^/\s:]+:")]
    private static partial Regex ScpForm();

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<user>[^/\s@]+)@")]
    private static partial Regex UserInfo();
}
