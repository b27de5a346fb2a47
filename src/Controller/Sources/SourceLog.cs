using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Sources;

/// <summary>Log events of desired-state sources (71xx). Never pass credentials or unscrubbed URLs.</summary>
internal static partial class SourceLog
{
    [LoggerMessage(7101, LogLevel.Information, "Source {Source} now at revision {Revision} by {Author}: {Message}")]
    public static partial void NewRevision(ILogger logger, string source, string revision, string? author, string? message);

    [LoggerMessage(7109, LogLevel.Information, "Source {Source} now at revision {Revision} (a hash of its documents)")]
    public static partial void NewFolderRevision(ILogger logger, string source, string revision);

    [LoggerMessage(7102, LogLevel.Debug, "Source {Source} unchanged at revision {Revision}")]
    public static partial void SameRevision(ILogger logger, string source, string revision);

    [LoggerMessage(7103, LogLevel.Debug, "Fetching branch {Branch} from {Url}")]
    public static partial void Fetching(ILogger logger, string branch, string url);

    [LoggerMessage(7104, LogLevel.Debug, "Exported {Files} document file(s) of revision {Revision} to {Directory}")]
    public static partial void Exported(ILogger logger, int files, string revision, string directory);

    [LoggerMessage(7105, LogLevel.Debug, "Removed old snapshot {Directory}")]
    public static partial void Pruned(ILogger logger, string directory);

    [LoggerMessage(7106, LogLevel.Warning, "Could not remove old snapshot {Directory}: {Reason}; it will be tried again after the next fetch")]
    public static partial void PruneFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(7107, LogLevel.Warning, "Skipped '{Entry}' at revision {Revision}: {Reason}")]
    public static partial void SkippedEntry(ILogger logger, string entry, string revision, string reason);

    [LoggerMessage(7108, LogLevel.Warning, "The local clone at {Directory} is unusable ({Reason}); starting a fresh one")]
    public static partial void RecreatingClone(ILogger logger, string directory, string reason);
}
