namespace Reconciler.Controller.Sources;

/// <summary>Why a source could not produce a revision.</summary>
public enum SourceErrorKind
{
    /// <summary>The source settings are wrong (URL, branch, path, credentials); fix the command line or environment.</summary>
    InvalidSettings,

    /// <summary>A local folder or repository named by the settings does not exist.</summary>
    NotFound,

    /// <summary>The repository could not be read: network, URL, or credentials. Usually transient or a settings fix.</summary>
    Unreachable,

    /// <summary>The repository has no such branch.</summary>
    BranchNotFound,

    /// <summary>The sub-folder does not exist at this revision; an error of the revision, not of the controller.</summary>
    PathNotFound,

    /// <summary>Local files could not be read or written (permissions, disk full).</summary>
    LocalStorage,
}
