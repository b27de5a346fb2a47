using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Sources;

/// <summary>
/// The per-revision export folders of one source: <c>root/&lt;revision&gt;/</c>. A folder appears
/// complete or not at all (written under a temporary name, then renamed), is never written again,
/// and only the most recently used few are kept.
/// </summary>
internal sealed class SnapshotStore
{
    private const string TemporaryPrefix = ".tmp-";

    // A temporary folder this old was left by a process that died while exporting.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private readonly string _root;
    private readonly int _keep;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    // Most recently used first; folders from earlier runs are not here and go first when pruning.
    private readonly List<string> _recent = [];

    public SnapshotStore(string root, int keep, ILogger logger, TimeProvider time)
    {
        _root = root;
        _keep = Math.Max(1, keep);
        _logger = logger;
        _time = time;
    }

    /// <summary>
    /// The folder of <paramref name="revision"/>, calling <paramref name="write"/> with an empty
    /// folder to fill when it does not exist yet; then removes the least recently used ones beyond the limit.
    /// </summary>
    public string GetOrCreate(string revision, Action<string> write)
    {
        var folder = Path.Combine(_root, revision);
        if (!Directory.Exists(folder))
        {
            Create(folder, write);
        }

        Touch(folder);
        _recent.Remove(revision);
        _recent.Insert(0, revision);
        Prune();
        return folder;
    }

    private void Create(string folder, Action<string> write)
    {
        Directory.CreateDirectory(_root);
        var temporary = Path.Combine(_root, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(temporary);
            write(temporary);
            Directory.Move(temporary, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another process exported the same revision first; its folder is just as good.
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private void Touch(string folder)
    {
        try
        {
            // Lets a later process that shares nothing in memory with this one tell recent folders from old ones.
            Directory.SetLastWriteTimeUtc(folder, _time.GetUtcNow().UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SourceLog.PruneFailed(_logger, folder, e.Message);
        }
    }

    private void Prune()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var folders = new DirectoryInfo(_root).GetDirectories();
        foreach (var abandoned in folders.Where(f => f.Name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) && now - f.LastWriteTimeUtc > AbandonedAfter))
        {
            Remove(abandoned.FullName);
        }

        var ordered = folders
            .Where(f => !f.Name.StartsWith(TemporaryPrefix, StringComparison.Ordinal))
            .OrderBy(f => _recent.IndexOf(f.Name) is var index and >= 0 ? index : int.MaxValue)
            .ThenByDescending(f => f.LastWriteTimeUtc)
            .ToList();
        foreach (var old in ordered.Skip(_keep))
        {
            _recent.Remove(old.Name);
            Remove(old.FullName);
        }
    }

    private void Remove(string folder)
    {
        if (TryDelete(folder) is { } problem)
        {
            SourceLog.PruneFailed(_logger, folder, problem);
        }
        else
        {
            SourceLog.Pruned(_logger, folder);
        }
    }

    /// <summary>Deletes a folder if it exists; the reason when it could not.</summary>
    private static string? TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
