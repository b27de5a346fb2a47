namespace Reconciler.Controller.State;

/// <summary>Where the controller keeps its own state.</summary>
public sealed record StateTableOptions
{
    /// <summary>The DynamoDB table holding resource records, runs and leases. Created when missing.</summary>
    public string TableName { get; init; } = "reconciler-state";

    /// <summary>The table name from RECONCILER_STATE_TABLE, or the default.</summary>
    public static StateTableOptions FromEnvironment() =>
        Environment.GetEnvironmentVariable("RECONCILER_STATE_TABLE") is { Length: > 0 } name
            ? new StateTableOptions { TableName = name }
            : new StateTableOptions();
}
