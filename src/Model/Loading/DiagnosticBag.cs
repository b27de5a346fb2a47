using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>Collects diagnostics so validation runs every check instead of stopping at the first.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public int Count => _items.Count;

    public void Add(SourceLocation location, string message) => _items.Add(new Diagnostic(location, message));

    /// <summary>Sorted by file, line, column, then message, so output is stable across runs.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
    [
        .. _items.Distinct()
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal),
    ];
}
