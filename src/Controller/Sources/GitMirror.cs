using LibGit2Sharp;
using LibGit2Sharp.Handlers;
using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Sources;

/// <summary>
/// A local bare clone of one branch of a remote repository. Each fetch first asks the remote where
/// the branch points (like <c>git ls-remote</c>): a missing branch is an error instead of a silently
/// kept old tip, and an unchanged branch costs no download.
/// </summary>
internal sealed class GitMirror
{
    private const string RemoteName = "origin";

    private readonly string _repositoryPath;
    private readonly string _url;
    private readonly string _branch;
    private readonly string _description;
    private readonly CredentialsHandler? _credentials;
    private readonly string?[] _secrets;
    private readonly ILogger _logger;

    /// <summary>Creates the mirror; nothing touches the disk or the network until <see cref="Open"/>.</summary>
    /// <param name="repositoryPath">The bare clone's folder.</param>
    /// <param name="url">The remote, without user info.</param>
    /// <param name="branch">The branch to follow.</param>
    /// <param name="description">The source for error messages.</param>
    /// <param name="username">The http(s) user, or null.</param>
    /// <param name="password">The http(s) password or token, or null.</param>
    /// <param name="logger">Where to log.</param>
    public GitMirror(string repositoryPath, string url, string branch, string description, string? username, string? password, ILogger logger)
    {
        _repositoryPath = repositoryPath;
        _url = url;
        _branch = branch;
        _description = description;
        _logger = logger;
        _secrets = [username, password];
        // Only http(s) takes a password; ssh authenticates with its own keys and agent.
        if (GitUrl.SchemeOf(url) is "https" or "http" && (!string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password)))
        {
            _credentials = (_, _, _) => new UsernamePasswordCredentials { Username = username ?? "", Password = password ?? "" };
        }
    }

    private string HeadRef => "refs/heads/" + _branch;

    private string TrackingRef => $"refs/remotes/{RemoteName}/{_branch}";

    /// <summary>Opens the clone, creating it (or recreating an unusable one) and pointing its remote at the URL.</summary>
    public Repository Open()
    {
        if (Repository.IsValid(_repositoryPath))
        {
            try
            {
                var existing = new Repository(_repositoryPath);
                Configure(existing);
                return existing;
            }
            catch (LibGit2SharpException e)
            {
                SourceLog.RecreatingClone(_logger, _repositoryPath, Scrub(e.Message));
            }
        }
        else if (Directory.Exists(_repositoryPath) && Directory.EnumerateFileSystemEntries(_repositoryPath).Any())
        {
            SourceLog.RecreatingClone(_logger, _repositoryPath, "not a git repository");
        }

        // The clone is only a cache of the remote: throwing it away loses nothing but download time.
        if (Directory.Exists(_repositoryPath))
        {
            Directory.Delete(_repositoryPath, recursive: true);
        }

        Repository.Init(_repositoryPath, isBare: true);
        var repository = new Repository(_repositoryPath);
        Configure(repository);
        return repository;
    }

    /// <summary>The commit at the tip of the branch on the remote, downloading it when the clone lacks it.</summary>
    public Commit FetchTip(Repository repository, CancellationToken cancellationToken)
    {
        var advertised = ListRemoteReferences(repository);
        cancellationToken.ThrowIfCancellationRequested();
        var tip = advertised.FirstOrDefault(r => r.CanonicalName == HeadRef) ?? throw BranchNotFound(advertised);
        if (ObjectId.TryParse(tip.TargetIdentifier, out var id) && repository.Lookup<Commit>(id) is { } known)
        {
            return known;
        }

        SourceLog.Fetching(_logger, _branch, GitUrl.Redact(_url));
        var options = new FetchOptions
        {
            CredentialsProvider = _credentials,
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            OnProgress = _ => !cancellationToken.IsCancellationRequested,
        };
        try
        {
            Commands.Fetch(repository, RemoteName, [$"+{HeadRef}:{TrackingRef}"], options, $"reconciler: fetch {_branch}");
        }
        catch (UserCancelledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (LibGit2SharpException e)
        {
            throw Unreachable(e);
        }

        // The branch may have moved since it was listed; the fetched tip is then the newer truth.
        return (id is not null ? repository.Lookup<Commit>(id) : null)
            ?? repository.Refs[TrackingRef]?.ResolveToDirectReference()?.Target as Commit
            ?? throw new SourceException(SourceErrorKind.Unreachable, _description, $"Fetching branch '{_branch}' of {GitUrl.Redact(_url)} did not bring its tip commit; the branch may have been deleted meanwhile. It will be tried again next cycle.");
    }

    private void Configure(Repository repository)
    {
        var remote = repository.Network.Remotes[RemoteName];
        if (remote is null)
        {
            repository.Network.Remotes.Add(RemoteName, _url, $"+{HeadRef}:{TrackingRef}");
        }
        else if (remote.Url != _url)
        {
            repository.Network.Remotes.Update(RemoteName, r => r.Url = _url);
        }
    }

    private List<Reference> ListRemoteReferences(Repository repository)
    {
        try
        {
            var remote = repository.Network.Remotes[RemoteName];
            var references = _credentials is null ? repository.Network.ListReferences(remote) : repository.Network.ListReferences(remote, _credentials);
            return [.. references];
        }
        catch (LibGit2SharpException e)
        {
            throw Unreachable(e);
        }
    }

    private SourceException BranchNotFound(List<Reference> advertised)
    {
        var branches = advertised
            .Select(r => r.CanonicalName)
            .Where(n => n.StartsWith("refs/heads/", StringComparison.Ordinal))
            .Select(n => n["refs/heads/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        var available = branches.Count == 0
            ? "it has no branches yet (push a first commit)"
            : $"its branches are: {string.Join(", ", branches.Take(20))}{(branches.Count > 20 ? ", ..." : "")}";
        return new SourceException(
            SourceErrorKind.BranchNotFound,
            _description,
            $"Branch '{_branch}' does not exist in {GitUrl.Redact(_url)}; {available}. Pass one of them with --branch, or push the branch.");
    }

    private SourceException Unreachable(LibGit2SharpException e)
    {
        // The libgit2 message may quote the URL or the server's answer; scrubbed, it is still the best clue.
        // The original exception is not attached: its message and data would bypass the scrubbing.
        var reason = Scrub(e.Message).TrimEnd('.');
        var access = GitUrl.SchemeOf(_url) switch
        {
            "https" or "http" => $"the credentials ({SourceSettings.UsernameVariable} with {SourceSettings.PasswordVariable}, or {SourceSettings.TokenVariable}) grant read access",
            "ssh" => "the controller's ssh key (ssh agent or ~/.ssh) grants read access",
            _ => "the path holds a git repository the controller may read",
        };
        return new SourceException(
            SourceErrorKind.Unreachable,
            _description,
            $"Cannot read branch '{_branch}' of git repository {GitUrl.Redact(_url)}: {reason}. Check that the URL is right and reachable from here, and that {access}.");
    }

    private string Scrub(string text) => GitUrl.Scrub(text, _secrets);
}
