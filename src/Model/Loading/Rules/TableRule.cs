namespace Reconciler.Model.Loading.Rules;

/// <summary>Capacities go with PROVISIONED billing only, and then both are required.</summary>
internal sealed class TableRule : IDocumentRule
{
    public string Kind => "Table";

    public void Check(BoundDocument document, string? stackName, DiagnosticBag bag)
    {
        var spec = document.Spec;
        if (!document.Locations.ContainsKey("billingMode") && document.HasErrors && spec.Count == 0)
        {
            return;
        }

        var mode = (string?)spec["billingMode"] ?? "PAY_PER_REQUEST";
        foreach (var field in new[] { "readCapacity", "writeCapacity" })
        {
            var present = document.Locations.ContainsKey(field);
            if (mode == "PROVISIONED" && !present)
            {
                bag.Add(document.LocationOf("billingMode"), $"missing field '{field}' in Table spec: billingMode PROVISIONED needs readCapacity and writeCapacity; add it");
            }
            else if (mode == "PAY_PER_REQUEST" && present)
            {
                bag.Add(document.LocationOf(field), $"field '{field}' in Table spec is not allowed with billingMode PAY_PER_REQUEST; remove it or set billingMode: PROVISIONED");
            }
        }
    }
}
