using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Reconciler.Controller.Sources;

/// <summary>
/// Desired state from a plain local folder. Each fetch reads the document files once, names the
/// revision after their SHA-256, and copies exactly those bytes into a per-revision folder, so an
/// editor saving files during a cycle never changes what that cycle reads, and the revision always
/// matches the content read.
/// </summary>
internal sealed class DirectorySource : IDesiredStateSource
{
    /// <summary>The default for <c>keepSnapshots</c>.</summary>
    public const int DefaultKeepSnapshots = 3;

    private readonly string _path;
    private readonly string _leaf;
    private readonly SnapshotStore _snapshots;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private string? _lastRevision;

    /// <summary>Reads <paramref name="path"/>; exports go under <paramref name="workDirectory"/> (default: the system temp folder).</summary>
    public DirectorySource(string path, string? workDirectory = null, int keepSnapshots = DefaultKeepSnapshots, ILogger? logger = null, TimeProvider? time = null)
    {
        _path = Path.GetFullPath(path);
        _leaf = SourceFolders.LeafName(_path, "root");
        _logger = logger ?? NullLogger.Instance;
        var work = workDirectory ?? SourceFolders.Default("dir", _path);
        _snapshots = new SnapshotStore(Path.Combine(work, "snapshots"), Math.Max(2, keepSnapshots), _logger, time ?? TimeProvider.System);
        Description = $"directory {_path}";
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public Task<SourceSnapshot> FetchAsync(CancellationToken cancellationToken) => Task.Run(() => Fetch(cancellationToken), cancellationToken);

    private SourceSnapshot Fetch(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!Directory.Exists(_path))
            {
                throw new SourceException(SourceErrorKind.NotFound, Description, $"Desired-state folder '{_path}' does not exist; create it or pass the folder that holds stack.yaml.");
            }

            try
            {
                var files = ReadDocuments(cancellationToken);
                var revision = Hash(files);
                var snapshot = _snapshots.GetOrCreate(revision, folder => Write(folder, revision, files));
                var result = new SourceSnapshot
                {
                    Directory = Path.Combine(snapshot, _leaf),
                    Revision = revision,
                    Description = $"{Description} @{revision[..12]}",
                };
                LogRevision(result);
                return result;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SourceException(SourceErrorKind.LocalStorage, Description, $"Cannot read '{_path}' or write its snapshot: {e.Message}. Check the permissions and free space of both folders.");
            }
        }
    }

    /// <summary>Each document file's name and bytes, in ordinal name order (the loader's order).</summary>
    private List<(string Name, byte[] Content)> ReadDocuments(CancellationToken cancellationToken)
    {
        var files = new List<(string Name, byte[] Content)>();
        var names = Directory.EnumerateFiles(_path).Select(f => Path.GetFileName(f)).Where(DocumentFiles.IsPartOfRevision).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                files.Add((name, File.ReadAllBytes(Path.Combine(_path, name))));
            }
            catch (FileNotFoundException)
            {
                // Deleted between listing and reading: the folder no longer has it, so neither does this revision.
            }
        }

        return files;
    }

    private void Write(string folder, string revision, List<(string Name, byte[] Content)> files)
    {
        var target = Path.Combine(folder, _leaf);
        Directory.CreateDirectory(target);
        foreach (var (name, content) in files)
        {
            File.WriteAllBytes(Path.Combine(target, name), content);
        }

        SourceLog.Exported(_logger, files.Count, revision[..12], target);
    }

    /// <summary>SHA-256 over each file's name, length and bytes (a file name never holds a NUL, so the parts cannot run together), so renaming or moving bytes between files changes it too.</summary>
    private static string Hash(List<(string Name, byte[] Content)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var (name, content) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData([0]);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, content.LongLength);
            hash.AppendData(length);
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private void LogRevision(SourceSnapshot snapshot)
    {
        if (snapshot.Revision == _lastRevision)
        {
            SourceLog.SameRevision(_logger, Description, snapshot.ShortRevision);
            return;
        }

        _lastRevision = snapshot.Revision;
        // A folder has no commit author or message: naming them would only print "(null)".
        SourceLog.NewFolderRevision(_logger, Description, snapshot.ShortRevision);
    }
}
