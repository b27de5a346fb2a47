namespace Reconciler.Model.Loading.Rules;

/// <summary>The kind-specific rules, run on every bound document of their kind.</summary>
internal static class DocumentRules
{
    private static readonly IDocumentRule[] All = [new BucketRule(), new TableRule(), new SecurityGroupRule()];

    public static void Check(BoundDocument document, string? stackName, DiagnosticBag bag)
    {
        foreach (var rule in All.Where(r => r.Kind == document.Kind.Name))
        {
            rule.Check(document, stackName, bag);
        }
    }
}
