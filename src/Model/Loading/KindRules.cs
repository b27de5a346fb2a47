using Reconciler.Model.Kinds;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>Runs a kind's own rules (<see cref="IResourceSpec.Validate"/>) on one bound document.</summary>
internal static class KindRules
{
    /// <summary>Runs after every document is bound, so rules may look at the documents they reference.</summary>
    public static void Check(BoundDocument document, StackSpec? stack, BoundDocuments documents, DiagnosticBag bag)
    {
        if (documents.SpecOf(document) is { } spec)
        {
            spec.Validate(new SpecRules(document, stack, documents, bag));
        }
    }
}
