using LibGit2Sharp;

namespace Reconciler.Controller.Sources;

/// <summary>Turns the SOURCE argument of <c>reconciler run</c> (with --branch and --path) into a source.</summary>
public static class SourceFactory
{
    /// <summary><see cref="Parse(string, string?, string?, SourceSettings)"/> with default settings and credentials from the environment.</summary>
    public static IDesiredStateSource Parse(string source, string? branch, string? path) => Parse(source, branch, path, new SourceSettings());

    /// <summary>
    /// Decides what <paramref name="source"/> is:
    /// a URL (https://, http://, ssh://, git://, file://, or git@host:org/repo.git) or the path of a
    /// git repository is a git source reading <paramref name="branch"/> (default main) and the
    /// sub-folder <paramref name="path"/>; any other existing folder is a directory source (with
    /// <paramref name="path"/> as a sub-folder of it). Git credentials come from the
    /// RECONCILER_GIT_USERNAME, RECONCILER_GIT_PASSWORD and RECONCILER_GIT_TOKEN environment variables.
    /// </summary>
    /// <exception cref="SourceException">The source is neither, or the settings are invalid; the message says how to fix it.</exception>
    public static IDesiredStateSource Parse(string source, string? branch, string? path, SourceSettings settings)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw Invalid(source ?? "", "No desired-state source given; pass a folder, a git repository path, or a git URL such as https://github.com/org/platform.git.");
        }

        if (GitUrl.LooksLikeUrl(source) || (Directory.Exists(source) && Repository.IsValid(source)))
        {
            return new GitSource(GitOptions(source, branch, path, settings), settings.Logger, settings.Time);
        }

        if (File.Exists(source))
        {
            throw Invalid(source, $"Desired-state source '{source}' is a file; pass the folder that holds stack.yaml, or a git repository.");
        }

        if (!Directory.Exists(source))
        {
            throw new SourceException(
                SourceErrorKind.NotFound,
                $"directory {source}",
                $"Desired-state source '{source}' is neither an existing folder nor a git URL; pass the folder that holds stack.yaml, a git repository path, or a URL such as https://github.com/org/platform.git.");
        }

        if (!string.IsNullOrEmpty(branch))
        {
            throw Invalid(source, $"--branch '{branch}' was given but '{source}' is a plain folder, not a git repository; drop --branch, or pass the repository's root (or URL) with --path for the sub-folder.");
        }

        var folder = string.IsNullOrEmpty(path) ? source : Path.Combine(source, path);
        return new DirectorySource(folder, settings.WorkDirectory, settings.KeepSnapshots, settings.Logger, settings.Time);
    }

    private static GitSourceOptions GitOptions(string source, string? branch, string? path, SourceSettings settings)
    {
        var options = new GitSourceOptions
        {
            Url = source,
            Branch = string.IsNullOrEmpty(branch) ? "main" : branch,
            Path = path ?? "",
            WorkDirectory = settings.WorkDirectory,
            KeepSnapshots = settings.KeepSnapshots,
        };

        // A password only means something to http(s); ssh and local repositories have their own access, so a token
        // exported for another source must not make them invalid.
        if (GitUrl.SchemeOf(source) is not ("https" or "http"))
        {
            return options;
        }

        var token = NullIfEmpty(settings.GetEnvironmentVariable(SourceSettings.TokenVariable));
        var username = NullIfEmpty(settings.GetEnvironmentVariable(SourceSettings.UsernameVariable));
        var password = NullIfEmpty(settings.GetEnvironmentVariable(SourceSettings.PasswordVariable)) ?? token;
        if (token is not null && username is null)
        {
            username = SourceSettings.TokenUsername;
        }

        return options with { Username = username, Password = password };
    }

    private static SourceException Invalid(string source, string message) =>
        new(SourceErrorKind.InvalidSettings, GitUrl.Redact(source), message);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
