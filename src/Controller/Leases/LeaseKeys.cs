namespace Reconciler.Controller.Leases;

/// <summary>
/// Where a stack's lease lives in the state table: the stack's own partition (the same
/// "stack#&lt;name&gt;" as <see cref="State.StateStore"/> uses), sort key "lease". Keeping it
/// beside the resource records lets one transaction check the lease and write a record.
/// </summary>
internal static class LeaseKeys
{
    /// <summary>The sort key of the lease item; resource records start with "resource#", so they never clash.</summary>
    public const string SortKey = "lease";

    /// <summary>The stack's partition key; must stay equal to StateStore's.</summary>
    public static string PartitionOf(string stack) => "stack#" + stack;
}
