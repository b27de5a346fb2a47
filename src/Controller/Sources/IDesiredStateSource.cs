namespace Reconciler.Controller.Sources;

/// <summary>
/// Where the controller reads desired state from: a plain folder or a branch of a git repository.
/// Each reconcile cycle calls <see cref="FetchAsync"/> once and reads the documents of exactly one
/// revision from the snapshot it returns.
/// </summary>
/// <remarks>
/// Contract: a fetch never changes the source; the returned <see cref="SourceSnapshot.Directory"/>
/// holds exactly the documents of <see cref="SourceSnapshot.Revision"/> and stays unchanged while
/// the cycle reads it (it is an export, never a working tree). It stays on disk at least until
/// the source has fetched a few newer revisions. Calls on one instance are serialized.
/// A source that cannot produce a revision throws <see cref="SourceException"/>; the caller keeps
/// applying its last good revision and tries again next cycle.
/// </remarks>
public interface IDesiredStateSource
{
    /// <summary>The source without a revision, for logs: "git https://host/repo main (desired-state/dev)".</summary>
    string Description { get; }

    /// <summary>Reads the current revision of the source into a stable local folder.</summary>
    /// <exception cref="SourceException">The source cannot be read; the message names it and the fix.</exception>
    Task<SourceSnapshot> FetchAsync(CancellationToken cancellationToken);
}
