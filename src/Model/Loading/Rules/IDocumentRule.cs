namespace Reconciler.Model.Loading.Rules;

/// <summary>A check of one kind that the field attributes cannot express (fields that depend on each other).</summary>
internal interface IDocumentRule
{
    /// <summary>The kind the rule applies to.</summary>
    string Kind { get; }

    /// <summary>Reports what is wrong with one bound document; never throws on partial documents.</summary>
    void Check(BoundDocument document, string? stackName, DiagnosticBag bag);
}
