namespace Reconciler.Controller.Sources;

/// <summary>
/// Which files of an environment folder make up a revision: the documents the loader reads
/// (top-level *.yaml and *.yml, any case) and the files they name beside them (a launch
/// template's user data script). Every top-level file that is not hidden or an editor's backup,
/// so a revision covers whatever a cycle can read; the loader refuses file fields naming
/// anything else.
/// </summary>
internal static class DocumentFiles
{
    /// <summary>Whether a file name, without folders, belongs to a revision.</summary>
    public static bool IsPartOfRevision(string fileName) =>
        fileName.Length > 0 && !fileName.StartsWith('.') && !fileName.EndsWith('~');
}
