using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Reconciler.Controller.State;

/// <summary>
/// Reads and writes the stack's <see cref="RunRecord"/> (item sk "run" under the stack's
/// partition). The record is stored as one JSON attribute: it is read whole and written whole,
/// once per cycle.
/// </summary>
internal sealed class RunRecordStore(IAmazonDynamoDB dynamoDb, StateTableOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The key of the run item of a stack.</summary>
    public static Dictionary<string, AttributeValue> KeyOf(string stack) => new()
    {
        ["pk"] = new(StateStore.PartitionOf(stack)),
        ["sk"] = new("run"),
    };

    /// <summary>The item to write for a record.</summary>
    public static Dictionary<string, AttributeValue> ItemOf(string stack, RunRecord record)
    {
        var item = KeyOf(stack);
        item["record"] = new(JsonSerializer.Serialize(record, Json));
        return item;
    }

    /// <summary>Writes the record through <paramref name="state"/>, so the write is fenced when the store is.</summary>
    public Task WriteAsync(StateStore state, string stack, RunRecord record, CancellationToken cancellationToken) =>
        state.PutItemAsync(ItemOf(stack, record), cancellationToken);

    /// <summary>The stack's record, or null when none was written (or the table does not exist).</summary>
    public async Task<RunRecord?> ReadAsync(string stack, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.GetItemAsync(
                new GetItemRequest { TableName = options.TableName, Key = KeyOf(stack), ConsistentRead = true },
                cancellationToken);
            return response.Item is { Count: > 0 } item && item.TryGetValue("record", out var json)
                ? JsonSerializer.Deserialize<RunRecord>(json.S, Json)
                : null;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The names of the stacks that have a run record.</summary>
    public async Task<IReadOnlyList<string>> StacksAsync(CancellationToken cancellationToken)
    {
        var stacks = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        try
        {
            do
            {
                var page = await dynamoDb.ScanAsync(
                    new ScanRequest
                    {
                        TableName = options.TableName,
                        FilterExpression = "sk = :run",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":run"] = new("run") },
                        ExclusiveStartKey = start,
                    },
                    cancellationToken);
                stacks.AddRange((page.Items ?? []).Select(i => i["pk"].S["stack#".Length..]));
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        }
        catch (ResourceNotFoundException)
        {
            return [];
        }

        return stacks;
    }
}
