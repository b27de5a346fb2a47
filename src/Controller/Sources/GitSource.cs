using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Reconciler.Controller.Sources;

/// <summary>
/// Desired state from a branch of a git repository. The first fetch clones (bare), later ones fetch
/// the branch; each revision's sub-folder is exported from the commit itself into its own folder,
/// so a cycle reads exactly that commit and nothing anyone does to a working tree.
/// </summary>
/// <remarks>
/// Layout of the work directory: <c>repo.git/</c> (the bare clone) and
/// <c>snapshots/&lt;sha&gt;/&lt;path&gt;/</c> (the exports, the last few kept).
/// </remarks>
internal sealed class GitSource : IDesiredStateSource
{
    private readonly string _branch;
    private readonly string _path;
    private readonly GitMirror _mirror;
    private readonly SnapshotStore _snapshots;
    private readonly ILogger _logger;
    private readonly string _displayUrl;
    private readonly Lock _gate = new();
    private string? _lastRevision;

    /// <summary>Validates the options and prepares the source; nothing is cloned until the first fetch.</summary>
    /// <exception cref="SourceException">The options are invalid (kind <see cref="SourceErrorKind.InvalidSettings"/>), listing every problem.</exception>
    public GitSource(GitSourceOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        options.ThrowIfInvalid();
        var (url, urlUsername, urlPassword) = GitUrl.SplitCredentials(options.Url);
        if (GitUrl.SchemeOf(url) is null)
        {
            url = System.IO.Path.GetFullPath(url);
        }

        _branch = options.Branch;
        _path = options.NormalizedPath;
        _displayUrl = GitUrl.Redact(url);
        _logger = logger ?? NullLogger.Instance;
        Description = $"git {_displayUrl} {_branch}{PathSuffix}";
        var work = options.WorkDirectory ?? SourceFolders.Default("git", url, _branch, _path);
        var username = NullIfEmpty(options.Username) ?? urlUsername;
        var password = NullIfEmpty(options.Password) ?? urlPassword;
        _mirror = new GitMirror(System.IO.Path.Combine(work, "repo.git"), url, _branch, Description, username, password, _logger);
        _snapshots = new SnapshotStore(System.IO.Path.Combine(work, "snapshots"), options.KeepSnapshots, _logger, time ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    public string Description { get; }

    private string PathSuffix => _path.Length == 0 ? "" : $" ({_path})";

    /// <inheritdoc/>
    public Task<SourceSnapshot> FetchAsync(CancellationToken cancellationToken) => Task.Run(() => Fetch(cancellationToken), cancellationToken);

    private SourceSnapshot Fetch(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var repository = _mirror.Open();
                var commit = _mirror.FetchTip(repository, cancellationToken);
                var tree = FolderAt(commit);
                var snapshot = _snapshots.GetOrCreate(commit.Sha, folder => GitTreeExport.Write(tree, System.IO.Path.Combine(folder, _path), commit.Sha, _logger));
                var result = new SourceSnapshot
                {
                    Directory = _path.Length == 0 ? snapshot : System.IO.Path.Combine(snapshot, _path),
                    Revision = commit.Sha,
                    Message = commit.MessageShort,
                    Author = $"{commit.Author.Name} <{commit.Author.Email}>",
                    CommittedAt = commit.Committer.When,
                    Description = $"git {_displayUrl} {_branch}@{commit.Sha[..7]}{PathSuffix}",
                };
                LogRevision(result);
                return result;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LibGit2SharpException)
            {
                // Errors of the remote were mapped by the mirror; what is left is the local clone or the export folder.
                throw new SourceException(
                    SourceErrorKind.LocalStorage,
                    Description,
                    $"Cannot update the local clone or export of {Description}: {GitUrl.Redact(e.Message).TrimEnd('.')}. Check the permissions and free space of the work directory; deleting it is safe.");
            }
        }
    }

    /// <summary>The tree of the sub-folder at this commit; a missing one is an error of this revision only.</summary>
    private Tree FolderAt(Commit commit)
    {
        if (_path.Length == 0)
        {
            return commit.Tree;
        }

        var entry = commit.Tree[_path];
        if (entry?.Target is Tree tree)
        {
            return tree;
        }

        var what = entry is null ? "does not exist" : "is a file, not a folder";
        throw new SourceException(
            SourceErrorKind.PathNotFound,
            Description,
            $"Folder '{_path}' {what} at commit {commit.Sha[..7]} (\"{commit.MessageShort}\") of branch '{_branch}' in {_displayUrl}. " +
            "Commit the folder holding stack.yaml there, or pass the right one with --path; the last good revision stays applied meanwhile.",
            commit.Sha);
    }

    private void LogRevision(SourceSnapshot snapshot)
    {
        if (snapshot.Revision == _lastRevision)
        {
            SourceLog.SameRevision(_logger, Description, snapshot.ShortRevision);
            return;
        }

        _lastRevision = snapshot.Revision;
        SourceLog.NewRevision(_logger, Description, snapshot.ShortRevision, snapshot.Author, snapshot.Message);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
