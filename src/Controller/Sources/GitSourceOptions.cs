using System.Text;
using LibGit2Sharp;

namespace Reconciler.Controller.Sources;

/// <summary>
/// How to read desired state from a git repository. Credentials come from settings (these options
/// or the RECONCILER_GIT_* environment variables through <see cref="SourceFactory"/>), never from
/// the documents, and are never printed: <see cref="ToString"/> hides them.
/// </summary>
public sealed record GitSourceOptions
{
    /// <summary>The repository: https://, http://, ssh://, git://, file:// URL, scp form (git@host:org/repo.git), or a local path. Required.</summary>
    public required string Url { get; init; }

    /// <summary>The branch whose tip is applied. Default "main".</summary>
    public string Branch { get; init; } = "main";

    /// <summary>The folder inside the repository holding the documents, e.g. "desired-state/dev". Default "" (the repository root).</summary>
    public string Path { get; init; } = "";

    /// <summary>
    /// Where the local clone and the per-revision exports live; one folder per source, never shared.
    /// Default: a folder under the system temp folder named after the URL, branch and path.
    /// </summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The user name for http(s); unused for ssh (its keys and agent) and local repositories. Default none.</summary>
    public string? Username { get; init; }

    /// <summary>The password or access token for http(s); unused for ssh and local repositories. Default none.</summary>
    public string? Password { get; init; }

    /// <summary>How many revision exports to keep on disk, the current one included. Default 3; at least 2 so the previous cycle's folder survives a fetch.</summary>
    public int KeepSnapshots { get; init; } = 3;

    /// <summary>The sub-folder with forward slashes and no leading "./" or trailing "/"; "" for the root.</summary>
    internal string NormalizedPath => NormalizePath(Path);

    /// <summary>Every problem with these options, each naming the option and the fix; empty when valid. Never holds credentials.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var url = GitUrl.Redact(Url ?? "");
        var scheme = string.IsNullOrWhiteSpace(Url) ? null : GitUrl.SchemeOf(Url);
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add("Git Url is empty; pass the repository as an https:// URL, git@host:org/repo.git, or a local path.");
        }
        else if (scheme is not null && Url.Any(char.IsWhiteSpace))
        {
            // A local path may hold spaces; a URL may not, and a stray line break usually means a pasting mistake.
            errors.Add($"Git Url '{url}' contains white space; pass the URL without spaces or line breaks (escape a space as %20).");
        }
        else if (scheme is not null && !GitUrl.Schemes.Contains(scheme))
        {
            errors.Add($"Git Url '{url}' uses the unsupported scheme '{scheme}'; use one of {string.Join(", ", GitUrl.Schemes.Select(s => s + "://"))}.");
        }

        if (string.IsNullOrWhiteSpace(Branch) || !Reference.IsValidName("refs/heads/" + Branch))
        {
            errors.Add($"Git Branch '{Branch}' is not a valid branch name; use a name such as main or release/2026-11.");
        }

        var path = NormalizePath(Path ?? "");
        if (System.IO.Path.IsPathRooted(Path ?? "") || path.Split('/').Any(part => part is ".." or "."))
        {
            errors.Add($"Git Path '{Path}' must be a folder inside the repository, relative to its root, without '..'; use e.g. desired-state/dev.");
        }

        if (WorkDirectory is not null && (WorkDirectory.Trim().Length == 0 || File.Exists(WorkDirectory)))
        {
            errors.Add($"Git WorkDirectory '{WorkDirectory}' is not usable as a folder; pass a folder path, or leave it unset to use the system temp folder.");
        }

        var (_, urlUser, urlPassword) = string.IsNullOrWhiteSpace(Url) ? (Url, null, null) : GitUrl.SplitCredentials(Url);
        var hasPassword = !string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(urlPassword);
        var hasUser = !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(urlUser);
        if (hasPassword && !hasUser)
        {
            errors.Add("Git Password is set without a Username; set RECONCILER_GIT_USERNAME, or use RECONCILER_GIT_TOKEN for an access token.");
        }

        if (hasPassword && scheme == "http")
        {
            errors.Add($"Git credentials would travel in clear text to '{url}'; use an https:// URL.");
        }

        if (KeepSnapshots < 2)
        {
            errors.Add($"Git KeepSnapshots is {KeepSnapshots}; use 2 or more so the folder of the cycle in progress is never removed.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="SourceException"/> of kind <see cref="SourceErrorKind.InvalidSettings"/> listing every problem <see cref="Validate"/> finds.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new SourceException(
                SourceErrorKind.InvalidSettings,
                $"git {GitUrl.Redact(Url ?? "")}",
                "Git source settings are invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)));
        }
    }

    /// <summary>Normalises a sub-folder: forward slashes, no "./" prefix, no trailing slash.</summary>
    internal static string NormalizePath(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = 0;
        while (start < parts.Length && parts[start] == ".")
        {
            start++;
        }

        return string.Join('/', parts[start..]);
    }

    // The compiler's record printing would show the password; print the settings with credentials hidden.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Url = {GitUrl.Redact(Url ?? "")}, Branch = {Branch}, Path = {Path}, WorkDirectory = {WorkDirectory}, ");
        builder.Append($"Username = {(string.IsNullOrEmpty(Username) ? "(none)" : "***")}, Password = {(string.IsNullOrEmpty(Password) ? "(none)" : "***")}, KeepSnapshots = {KeepSnapshots}");
        return true;
    }
}
