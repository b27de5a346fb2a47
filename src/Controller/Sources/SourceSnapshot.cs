namespace Reconciler.Controller.Sources;

/// <summary>The documents of one revision of a source, exported to a local folder that no one else writes.</summary>
public sealed record SourceSnapshot
{
    /// <summary>The local folder holding exactly the documents of <see cref="Revision"/>; pass it to the loader.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// Git: the commit sha. Directory: the SHA-256 of the document files (names and contents), so an
    /// unchanged folder gives the same revision.
    /// </summary>
    public required string Revision { get; init; }

    /// <summary>The first line of the commit message; null for a directory.</summary>
    public string? Message { get; init; }

    /// <summary>The commit author as "Name &lt;email&gt;"; null for a directory.</summary>
    public string? Author { get; init; }

    /// <summary>When the commit was made (committer time); null for a directory.</summary>
    public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>The source and revision for logs: "git https://host/repo main@abc1234 (desired-state/dev)". Never holds credentials.</summary>
    public required string Description { get; init; }

    /// <summary>The first seven characters of <see cref="Revision"/>, as git shows commits.</summary>
    public string ShortRevision => Revision.Length <= 7 ? Revision : Revision[..7];
}
