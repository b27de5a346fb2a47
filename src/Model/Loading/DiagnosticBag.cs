using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>Collects diagnostics so validation runs every check instead of stopping at the first.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly List<Diagnostic> _warnings = [];

    /// <summary>The number of errors (warnings do not count: they never stop a folder).</summary>
    public int Count => _items.Count;

    public void Add(SourceLocation location, string message) => _items.Add(new Diagnostic(location, message));

    public void Warn(SourceLocation location, string message) => _warnings.Add(new Diagnostic(location, message, DiagnosticSeverity.Warning));

    /// <summary>The errors, sorted by file, line, column, then message, so output is stable across runs.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => Sort(_items);

    /// <summary>The warnings, sorted like the errors.</summary>
    public IReadOnlyList<Diagnostic> SortedWarnings() => Sort(_warnings);

    private static IReadOnlyList<Diagnostic> Sort(List<Diagnostic> items) =>
    [
        .. items.Distinct()
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal),
    ];
}
