using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>
/// The outcome of loading an environment folder: the stack when every document is valid,
/// otherwise every problem found (never only the first).
/// </summary>
public sealed record LoadResult
{
    /// <summary>The validated stack; null when there is any diagnostic.</summary>
    public DesiredStack? Stack { get; init; }

    /// <summary>Every error, sorted by file, line and column.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Every warning, sorted likewise; warnings never stop a folder from applying.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Whether the folder loaded without a single diagnostic.</summary>
    public bool Succeeded => Stack is not null && Diagnostics.Count == 0;
}
