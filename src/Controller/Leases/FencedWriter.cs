using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Reconciler.Controller.Leases;

/// <summary>
/// Sends one state write together with its lease check as a DynamoDB transaction
/// [ConditionCheck on the lease item, the write], so the write lands only while the writer
/// still holds the lease with its token. Cancelling work when leadership is lost is not enough
/// on its own: a paused process (GC, SIGSTOP, a slow network) can send a write after another
/// replica took over; the check makes DynamoDB refuse it.
/// </summary>
public static class FencedWriter
{
    /// <summary>Puts an item if <paramref name="fence"/> still holds; its own condition, if any, is kept.</summary>
    /// <exception cref="LeaseLostException">The writer no longer holds the lease with its token.</exception>
    /// <exception cref="TransactionCanceledException">The write's own condition failed (the lease check passed).</exception>
    public static Task PutAsync(IAmazonDynamoDB dynamoDb, LeaseFence fence, Put put, CancellationToken cancellationToken) =>
        WriteAsync(dynamoDb, fence, new TransactWriteItem { Put = put }, $"put of item '{SortKeyOf(put.Item)}'", cancellationToken);

    /// <summary>Deletes an item if <paramref name="fence"/> still holds; its own condition, if any, is kept.</summary>
    /// <exception cref="LeaseLostException">The writer no longer holds the lease with its token.</exception>
    /// <exception cref="TransactionCanceledException">The write's own condition failed (the lease check passed).</exception>
    public static Task DeleteAsync(IAmazonDynamoDB dynamoDb, LeaseFence fence, Delete delete, CancellationToken cancellationToken) =>
        WriteAsync(dynamoDb, fence, new TransactWriteItem { Delete = delete }, $"delete of item '{SortKeyOf(delete.Key)}'", cancellationToken);

    /// <summary>Updates an item if <paramref name="fence"/> still holds; its own condition, if any, is kept.</summary>
    /// <exception cref="LeaseLostException">The writer no longer holds the lease with its token.</exception>
    /// <exception cref="TransactionCanceledException">The write's own condition failed (the lease check passed).</exception>
    public static Task UpdateAsync(IAmazonDynamoDB dynamoDb, LeaseFence fence, Update update, CancellationToken cancellationToken) =>
        WriteAsync(dynamoDb, fence, new TransactWriteItem { Update = update }, $"update of item '{SortKeyOf(update.Key)}'", cancellationToken);

    private static async Task WriteAsync(IAmazonDynamoDB dynamoDb, LeaseFence fence, TransactWriteItem write, string description, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.TransactWriteItemsAsync(
                new TransactWriteItemsRequest
                {
                    TransactItems = [fence.ToConditionCheck(), write],
                    // The SDK resends the same token on retries, so a retry after a lost response
                    // is answered as the first attempt was instead of failing its own check.
                    ClientRequestToken = Guid.NewGuid().ToString("N"),
                },
                cancellationToken);
        }
        catch (TransactionCanceledException refused) when (LeaseCheckFailed(refused))
        {
            throw new LeaseLostException(fence, description, refused);
        }
    }

    /// <summary>The reasons come in request order: the lease check is the first item.</summary>
    private static bool LeaseCheckFailed(TransactionCanceledException refused) =>
        refused.CancellationReasons is { Count: > 0 } reasons
        && string.Equals(reasons[0].Code, "ConditionalCheckFailed", StringComparison.Ordinal);

    private static string SortKeyOf(Dictionary<string, AttributeValue>? key) =>
        key is not null && key.TryGetValue("sk", out var sk) && sk.S is { } text ? text : "?";
}
