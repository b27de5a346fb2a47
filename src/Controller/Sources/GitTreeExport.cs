using LibGit2Sharp;
using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Sources;

/// <summary>Writes the files of one git tree that make a revision (documents and the files beside them) to a folder, byte for byte as committed.</summary>
internal static class GitTreeExport
{
    /// <summary>Writes the tree's top-level blobs that belong to a revision into <paramref name="target"/>; returns how many.</summary>
    public static int Write(Tree tree, string target, string revision, ILogger logger)
    {
        Directory.CreateDirectory(target);
        var count = 0;
        foreach (var entry in tree.Where(e => DocumentFiles.IsPartOfRevision(e.Name)))
        {
            // A link could point outside the folder (or outside the repository) and a submodule has no content here:
            // neither is a document the commit itself holds, so they are left out, visibly.
            if (entry.TargetType != TreeEntryTargetType.Blob || entry.Mode == Mode.SymbolicLink)
            {
                SourceLog.SkippedEntry(logger, entry.Path, revision[..7], "not a regular file (a link or a submodule)");
                continue;
            }

            // Raw content, without line-ending filters: the loader must see what was committed.
            using var content = ((Blob)entry.Target).GetContentStream();
            using var file = File.Create(Path.Combine(target, entry.Name));
            content.CopyTo(file);
            count++;
        }

        SourceLog.Exported(logger, count, revision[..7], target);
        return count;
    }
}
