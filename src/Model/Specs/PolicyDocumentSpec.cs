using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// An IAM policy document written as structured YAML instead of a JSON string, so documents
/// are validated field by field and plans name the statement that changed. Converted to and
/// from IAM's JSON in one place (<see cref="Iam.PolicyJson"/>).
/// </summary>
public sealed record PolicyDocumentSpec
{
    /// <summary>The policy language version; 2012-10-17 (the current one, with policy variables) by default.</summary>
    [AllowedValues("2012-10-17", "2008-10-17")]
    public string Version { get; init; } = "2012-10-17";

    /// <summary>The statements. Compared as a set; a document needs at least one.</summary>
    public required IReadOnlyList<PolicyStatementSpec> Statements { get; init; }
}
