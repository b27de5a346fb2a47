using System.Text.Json;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Loading;

/// <summary>Runs a kind's own rules (<see cref="IResourceSpec.Validate"/>) on one bound document.</summary>
internal static class KindRules
{
    public static void Check(BoundDocument document, string? stackName, DiagnosticBag bag)
    {
        IResourceSpec spec;
        try
        {
            spec = (IResourceSpec)document.Spec.Deserialize(document.Kind.SpecType, SpecJson.Partial)!;
        }
        catch (JsonException)
        {
            // Binding produced what the record cannot hold; binding has reported why.
            return;
        }

        spec.Validate(new SpecRules(document, stackName, bag));
    }
}
