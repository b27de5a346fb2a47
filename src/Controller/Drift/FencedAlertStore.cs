using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Drift;

/// <summary>
/// The alert store of a leader: reads as the DynamoDB store does, writes only while it holds
/// the lease with its fencing token, so a deposed leader can neither record nor (since the
/// tracker writes before it sends) announce an alert.
/// </summary>
internal sealed class FencedAlertStore(IAmazonDynamoDB dynamoDb, string tableName, LeaseFence fence) : IAlertStore
{
    private readonly DynamoDbAlertStore _reads = new(dynamoDb, tableName);

    public Task<IReadOnlyList<DriftAlert>> ListAsync(string stack, CancellationToken cancellationToken) =>
        _reads.ListAsync(stack, cancellationToken);

    public Task WriteAsync(AlertWrite write, CancellationToken cancellationToken) =>
        write.Alert is { } alert
            ? FencedWriter.PutAsync(dynamoDb, fence, new Put { TableName = tableName, Item = DynamoDbAlertStore.ItemOf(alert) }, cancellationToken)
            : FencedWriter.DeleteAsync(dynamoDb, fence, new Delete { TableName = tableName, Key = DynamoDbAlertStore.KeyOf(write.Stack, write.Key) }, cancellationToken);
}
