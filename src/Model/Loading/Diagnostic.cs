using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>One problem in the desired-state documents, at the node that has it.</summary>
/// <param name="Location">The file, line and column of the offending node.</param>
/// <param name="Message">What is wrong, and how to fix it.</param>
/// <param name="Severity">An error stops the folder from applying; a warning is only reported.</param>
public sealed record Diagnostic(SourceLocation Location, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>The compiler form: <c>desired-state/dev/network.yaml:12:7: error: ...</c> (or <c>warning:</c>).</summary>
    public override string ToString() => $"{Location}: {(Severity == DiagnosticSeverity.Warning ? "warning" : "error")}: {Message}";
}
