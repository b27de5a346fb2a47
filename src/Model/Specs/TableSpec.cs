using Reconciler.Model.Kinds;

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
}
