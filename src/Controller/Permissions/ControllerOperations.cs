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

    /// <summary>
    /// The rollout engine's calls, needed when the stack has an InferenceService (its driver brings
    /// them: <see cref="Drivers.IResourceDriver.ControllerSideOperations"/>): the version labels of
    /// the model's object versions, green's metrics, the model version each target group serves (its tag), and the listener's weights (written, then read back);
    /// on a Lambda alias, green's version (the function's model environment, then PublishVersion) and the alias's weights (written with its RevisionId, then read back).
    /// </summary>
    public static IReadOnlyList<AwsOperation> Rollouts { get; } =
    [
        Reconciler.Aws.Clients.CloudWatch.CloudWatchOperations.GetMetricData,
        Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.AddTags,
        Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.DescribeListeners,
        Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.ModifyListener,
        Reconciler.Aws.Clients.Lambda.LambdaOperations.GetAlias,
        Reconciler.Aws.Clients.Lambda.LambdaOperations.GetFunctionConfiguration,
        Reconciler.Aws.Clients.Lambda.LambdaOperations.ListVersionsByFunction,
        Reconciler.Aws.Clients.Lambda.LambdaOperations.PublishVersion,
        Reconciler.Aws.Clients.Lambda.LambdaOperations.UpdateAlias,
        Reconciler.Aws.Clients.Lambda.LambdaOperations.UpdateFunctionConfiguration,
        SdkOperations.S3.HeadObject,
        SdkOperations.S3.ListObjectVersions,
    ];

    /// <summary>
    /// The sandbox's data plane: it uploads the demo models, follows the listener's weights and tags,
    /// and publishes what an ALB would to CloudWatch, only ever against the local emulator it started.
    /// Listed so the test keeps the list exact; never part of the policy.
    /// </summary>
    public static IReadOnlyList<AwsOperation> SandboxOnly { get; } =
    [
        Reconciler.Aws.Clients.CloudWatch.CloudWatchOperations.PutMetricData,
        Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.DescribeLoadBalancers,
        Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.DescribeTags,
        SdkOperations.S3.PutObject,
    ];

    /// <summary>Everything else: who the credentials are (the account guard), and the stack's tags in one read.</summary>
    public static IReadOnlyList<AwsOperation> Other { get; } =
    [
        .. StackTagIndex.Operations,
        SdkOperations.Sts.GetCallerIdentity,
    ];
}
