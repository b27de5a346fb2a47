namespace Reconciler.Controller.Sources;

/// <summary>
/// A source could not produce a revision. The message names the source and the fix and never holds
/// credentials. The controller logs it and keeps applying its last good revision.
/// </summary>
public sealed class SourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why the source failed.</param>
    /// <param name="sourceDescription">The source, as <see cref="IDesiredStateSource.Description"/> shows it.</param>
    /// <param name="message">What went wrong and how to fix it; must not hold credentials.</param>
    /// <param name="revision">The revision that is unusable, when the error belongs to one revision.</param>
    public SourceException(SourceErrorKind kind, string sourceDescription, string message, string? revision = null)
        : base(message)
    {
        Kind = kind;
        SourceDescription = sourceDescription;
        Revision = revision;
    }

    /// <summary>Why the source failed.</summary>
    public SourceErrorKind Kind { get; }

    /// <summary>The source, without credentials.</summary>
    public string SourceDescription { get; }

    /// <summary>The unusable revision (e.g. a commit without the sub-folder); null when the error is not tied to one.</summary>
    public string? Revision { get; }
}
