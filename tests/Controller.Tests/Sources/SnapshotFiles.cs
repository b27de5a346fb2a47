using Reconciler.Controller.Sources;

namespace Reconciler.Controller.Tests.Sources;

/// <summary>Reads what a snapshot folder holds, for assertions.</summary>
internal static class SnapshotFiles
{
    /// <summary>Every file under the snapshot's folder, as relative path (forward slashes) to content, sorted.</summary>
    public static SortedDictionary<string, string> Read(SourceSnapshot snapshot)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(snapshot.Directory, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(snapshot.Directory, file).Replace('\\', '/')] = File.ReadAllText(file);
        }

        return files;
    }
}
