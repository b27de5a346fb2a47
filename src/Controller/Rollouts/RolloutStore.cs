using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Leases;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// Rollouts in the state table, under the stack's partition: <c>rollout#NAME</c> holds the state
/// (JSON, with a sequence number), written only by the leader, fenced by its lease token and
/// conditional on the sequence it read, so a stale leader or a lost race writes nothing;
/// <c>rollout-intent#NAME</c> holds an operator's request (promote, abort, retry) that the
/// command line writes and the leader takes, so the command needs no lease.
/// </summary>
internal sealed class RolloutStore(IAmazonDynamoDB dynamoDb, string tableName)
{
    private const string StatePrefix = "rollout#";
    private const string IntentPrefix = "rollout-intent#";

    /// <summary>How states are written: camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The rollout of one service; null when it never had one.</summary>
    public async Task<RolloutState?> ReadAsync(string stack, string service, CancellationToken cancellationToken)
    {
        var item = await GetAsync(stack, StatePrefix + service, cancellationToken);
        return item is null ? null : Parse(item);
    }

    /// <summary>Every rollout of the stack, by service name.</summary>
    public async Task<IReadOnlyList<RolloutState>> ListAsync(string stack, CancellationToken cancellationToken)
    {
        var states = new List<RolloutState>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamoDb.QueryAsync(
                new QueryRequest
                {
                    TableName = tableName,
                    KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new(StateStore.PartitionOf(stack)), [":prefix"] = new(StatePrefix) },
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                },
                cancellationToken);
            states.AddRange((page.Items ?? []).Select(Parse));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return [.. states.OrderBy(s => s.Service, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Writes <paramref name="next"/> (its sequence one above <paramref name="previous"/>'s) if the
    /// lease still holds with <paramref name="fence"/>'s token and the item is still
    /// <paramref name="previous"/>. Returns what was written.
    /// </summary>
    /// <exception cref="LeaseLostException">Another replica leads now.</exception>
    /// <exception cref="TransactionCanceledException">Someone else wrote the rollout since it was read.</exception>
    public async Task<RolloutState> WriteAsync(LeaseFence fence, string stack, RolloutState? previous, RolloutState next, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = next with { Sequence = (previous?.Sequence ?? 0) + 1, UpdatedAt = now };
        var put = new Put
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                ["pk"] = new(StateStore.PartitionOf(stack)),
                ["sk"] = new(StatePrefix + next.Service),
                ["seq"] = new() { N = written.Sequence.ToString(CultureInfo.InvariantCulture) },
                ["phase"] = new(written.Phase.ToString()),
                ["body"] = new(JsonSerializer.Serialize(written, Json)),
            },
        };
        if (previous is null)
        {
            put.ConditionExpression = "attribute_not_exists(pk)";
        }
        else
        {
            put.ConditionExpression = "seq = :seq";
            put.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":seq"] = new() { N = previous.Sequence.ToString(CultureInfo.InvariantCulture) } };
        }

        await FencedWriter.PutAsync(dynamoDb, fence, put, cancellationToken);
        return written;
    }

    /// <summary>Records an operator's request for the leader to act on (replacing an earlier one not yet taken).</summary>
    public Task RequestAsync(string stack, RolloutIntent intent, CancellationToken cancellationToken) =>
        dynamoDb.PutItemAsync(
            new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new(StateStore.PartitionOf(stack)),
                    ["sk"] = new(IntentPrefix + intent.Service),
                    ["body"] = new(JsonSerializer.Serialize(intent, Json)),
                },
            },
            cancellationToken);

    /// <summary>The request waiting for a service, if any.</summary>
    public async Task<RolloutIntent?> ReadIntentAsync(string stack, string service, CancellationToken cancellationToken) =>
        await GetAsync(stack, IntentPrefix + service, cancellationToken) is { } item
            ? JsonSerializer.Deserialize<RolloutIntent>(item["body"].S, Json)
            : null;

    /// <summary>Removes a request once acted on, fenced, and only if it is still that request (not a newer one).</summary>
    public async Task TakeIntentAsync(LeaseFence fence, string stack, RolloutIntent intent, CancellationToken cancellationToken)
    {
        try
        {
            await FencedWriter.DeleteAsync(
                dynamoDb,
                fence,
                new Delete
                {
                    TableName = tableName,
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = new(StateStore.PartitionOf(stack)), ["sk"] = new(IntentPrefix + intent.Service) },
                    ConditionExpression = "body = :body",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":body"] = new(JsonSerializer.Serialize(intent, Json)) },
                },
                cancellationToken);
        }
        catch (TransactionCanceledException)
        {
            // A newer request replaced it: that one is taken next.
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string stack, string sortKey, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue> { ["pk"] = new(StateStore.PartitionOf(stack)), ["sk"] = new(sortKey) },
                ConsistentRead = true,
            },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static RolloutState Parse(Dictionary<string, AttributeValue> item) =>
        JsonSerializer.Deserialize<RolloutState>(item["body"].S, Json) ?? throw new InvalidDataException($"Rollout item {item["sk"].S} has an empty body.");
}
