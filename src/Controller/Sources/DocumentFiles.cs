namespace Reconciler.Controller.Sources;

/// <summary>
/// Which files of a folder are desired-state documents. Mirrors the loader (top-level *.yaml and
/// *.yml, any case), so a revision covers exactly what a cycle reads: change both together.
/// </summary>
internal static class DocumentFiles
{
    /// <summary>Whether a file name, without folders, is a document the loader reads.</summary>
    public static bool IsDocument(string fileName) =>
        fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
