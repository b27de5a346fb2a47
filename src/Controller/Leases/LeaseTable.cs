using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Reconciler.Controller.Leases;

/// <summary>
/// Reads and conditionally writes one stack's lease item. Every write replaces the whole item
/// on the condition that the item is exactly the one the writer last read (same version,
/// holder and token), so of two replicas racing from the same read, one wins.
/// </summary>
internal sealed class LeaseTable(IAmazonDynamoDB dynamoDb, string tableName, string stack)
{
    /// <summary>The lease as it is now (a consistent read); null when the stack never had one.</summary>
    public async Task<LeaseRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new(LeaseKeys.PartitionOf(stack)),
                    ["sk"] = new(LeaseKeys.SortKey),
                },
                ConsistentRead = true,
            },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? LeaseRecord.FromItem(item) : null;
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the item is still <paramref name="expected"/> (or still
    /// missing when that is null). False when another write came first.
    /// </summary>
    public async Task<bool> TryWriteAsync(LeaseRecord next, LeaseRecord? expected, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest { TableName = tableName, Item = next.ToItem(stack) };
        if (expected is null)
        {
            request.ConditionExpression = "attribute_not_exists(pk)";
        }
        else
        {
            request.ConditionExpression = "#version = :version AND #holder = :holder AND #token = :token";
            request.ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#version"] = LeaseRecord.VersionAttribute,
                ["#holder"] = LeaseRecord.HolderAttribute,
                ["#token"] = LeaseRecord.TokenAttribute,
            };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":version"] = new(expected.Version),
                [":holder"] = new(expected.Holder),
                [":token"] = LeaseRecord.Number(expected.FencingToken),
            };
        }

        try
        {
            await dynamoDb.PutItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // The SDK retries a write whose response was lost; the retry then fails the condition
            // against our own first attempt. The version is unique per write, so finding it
            // tells that case apart from a real loss.
            return (await ReadAsync(cancellationToken))?.Version == next.Version;
        }
    }
}
