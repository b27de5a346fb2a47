using Reconciler.Controller.Aws;
using Reconciler.Controller.Drivers.Mechanics;

namespace Reconciler.Controller.Permissions;

/// <summary>
/// The AWS operations the controller calls apart from its drivers, in one place: its state table
/// (resource records, runs, leases and drift alerts live in one DynamoDB table, created when
/// missing), the account check before any write, and the stack's tag read. A test reads the
/// compiled code outside the drivers and fails when this list and the calls differ.
/// </summary>
internal static class ControllerOperations
{
    /// <summary>The state table's calls: on that one table only.</summary>
    public static IReadOnlyList<AwsOperation> StateTable { get; } =
    [
        SdkOperations.DynamoDb.CreateTable,
        SdkOperations.DynamoDb.DeleteItem,
        SdkOperations.DynamoDb.DescribeTable,
        SdkOperations.DynamoDb.GetItem,
        SdkOperations.DynamoDb.PutItem,
        SdkOperations.DynamoDb.Query,
        SdkOperations.DynamoDb.Scan,
        SdkOperations.DynamoDb.TransactWriteItems,
    ];

    /// <summary>Everything else: who the credentials are (the account guard), and the stack's tags in one read.</summary>
    public static IReadOnlyList<AwsOperation> Other { get; } =
    [
        .. StackTagIndex.Operations,
        SdkOperations.Sts.GetCallerIdentity,
    ];
}
