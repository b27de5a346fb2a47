using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>One problem in the desired-state documents, at the node that has it.</summary>
/// <param name="Location">The file, line and column of the offending node.</param>
/// <param name="Message">What is wrong, and how to fix it.</param>
public sealed record Diagnostic(SourceLocation Location, string Message)
{
    /// <summary>The compiler form: <c>desired-state/dev/network.yaml:12:7: error: ...</c>.</summary>
    public override string ToString() => $"{Location}: error: {Message}";
}
