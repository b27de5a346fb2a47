using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Controller.Sources;

/// <summary>Default places on disk for the clones and exports of sources.</summary>
internal static class SourceFolders
{
    /// <summary>
    /// A folder under the system temp folder named after what identifies the source, so two
    /// sources on one machine never share one, and a restarted controller finds its clone again.
    /// </summary>
    public static string Default(string prefix, params IEnumerable<string> identity)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', identity))))[..16];
        return Path.Combine(Path.GetTempPath(), "reconciler", "sources", $"{prefix}-{key}");
    }

    /// <summary>The last segment of a folder path ("dev" for "desired-state/dev/"), or <paramref name="fallback"/> for a root.</summary>
    public static string LeafName(string path, string fallback)
    {
        var leaf = Path.GetFileName(path.TrimEnd('/', '\\'));
        return leaf.Length == 0 ? fallback : leaf;
    }
}
