using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A DynamoDB table.</summary>
[Kind("Table", Stateful = true)]
public sealed record TableSpec : IResourceSpec
{
    /// <summary>The table's name. Defaults to <c>{stack}-{document name}</c>.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? TableName { get; init; }

    /// <summary>The partition key. Changing it replaces the table.</summary>
    [Immutable]
    public required KeyAttributeSpec PartitionKey { get; init; }

    /// <summary>The sort key, if any. Changing it replaces the table.</summary>
    [Immutable]
    public KeyAttributeSpec? SortKey { get; init; }

    /// <summary>PAY_PER_REQUEST (on demand) or PROVISIONED.</summary>
    [AllowedValues("PAY_PER_REQUEST", "PROVISIONED")]
    public string BillingMode { get; init; } = "PAY_PER_REQUEST";

    /// <summary>Read capacity units, with PROVISIONED billing.</summary>
    [Range(1, 40000)]
    public int? ReadCapacity { get; init; }

    /// <summary>Write capacity units, with PROVISIONED billing.</summary>
    [Range(1, 40000)]
    public int? WriteCapacity { get; init; }

    /// <summary>Whether point-in-time recovery (continuous backups) is on.</summary>
    public bool PointInTimeRecovery { get; init; } = true;

    /// <summary>The attribute holding each item's expiry time, if items expire.</summary>
    public string? TimeToLiveAttribute { get; init; }

    /// <summary>Capacities go with PROVISIONED billing only, and then both are required.</summary>
    public void Validate(SpecRules rules)
    {
        if (!rules.IsSet("billingMode") && rules.HasErrors && rules.IsEmpty)
        {
            return;
        }

        foreach (var field in new[] { "readCapacity", "writeCapacity" })
        {
            var present = rules.IsSet(field);
            if (BillingMode == "PROVISIONED" && !present)
            {
                rules.Error("billingMode", $"missing field '{field}' in Table spec: billingMode PROVISIONED needs readCapacity and writeCapacity; add it");
            }
            else if (BillingMode == "PAY_PER_REQUEST" && present)
            {
                rules.Error(field, $"field '{field}' in Table spec is not allowed with billingMode PAY_PER_REQUEST; remove it or set billingMode: PROVISIONED");
            }
        }
    }

    /// <summary>Capacity or requests by billing mode, plus storage (and PITR when on).</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var storage = prices.Assumption("Table", "storageGb");
        var storageUsd = (storage * prices.Price("dynamodb.storage")) + (PointInTimeRecovery ? storage * prices.Price("dynamodb.pitr") : 0);
        var stored = $"{MonthlyCost.Figure(storage)} GB stored{(PointInTimeRecovery ? " with PITR" : "")}";
        if (BillingMode == "PROVISIONED")
        {
            decimal rcu = ReadCapacity ?? 0;
            decimal wcu = WriteCapacity ?? 0;
            var capacity = prices.HoursPerMonth * ((rcu * prices.Price("dynamodb.provisionedRcu")) + (wcu * prices.Price("dynamodb.provisionedWcu")));
            return new MonthlyCost(capacity + storageUsd, $"{MonthlyCost.Figure(rcu)} RCU and {MonthlyCost.Figure(wcu)} WCU provisioned, {stored}");
        }

        var reads = prices.Assumption("Table", "readMillionsPerMonth");
        var writes = prices.Assumption("Table", "writeMillionsPerMonth");
        var requests = (reads * prices.Price("dynamodb.onDemandRead")) + (writes * prices.Price("dynamodb.onDemandWrite"));
        return new MonthlyCost(requests + storageUsd, $"{MonthlyCost.Figure(reads)}M reads and {MonthlyCost.Figure(writes)}M writes on demand, {stored}");
    }
}
