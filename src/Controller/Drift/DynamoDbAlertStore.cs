using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drift;

/// <summary>
/// Open alerts in the state table: one item per drifted resource, pk <c>stack#&lt;stack&gt;</c>,
/// sk <c>alert#Kind/name</c>, beside the resource items (<c>resource#...</c>), which
/// <see cref="StateStore"/> reads by prefix and so never sees these. The table is created by
/// <see cref="StateStore.EnsureTableAsync"/>; this store never creates it.
/// </summary>
internal sealed class DynamoDbAlertStore(IAmazonDynamoDB dynamoDb, string tableName) : IAlertStore
{
    /// <summary>The sort-key prefix of alert items.</summary>
    public const string AlertPrefix = "alert#";

    /// <summary>The key of a resource's alert item.</summary>
    public static Dictionary<string, AttributeValue> KeyOf(string stack, ResourceKey key) => new()
    {
        ["pk"] = new(StateStore.PartitionOf(stack)),
        ["sk"] = new(AlertPrefix + key),
    };

    /// <summary>The item stored for an alert (the caller may send it fenced).</summary>
    public static Dictionary<string, AttributeValue> ItemOf(DriftAlert alert)
    {
        var item = KeyOf(alert.Stack, alert.Key);
        item["kind"] = new(alert.Key.Kind);
        item["name"] = new(alert.Key.Name);
        item["fields"] = new()
        {
            L = [.. alert.Fields.Select(f => new AttributeValue
            {
                M = new Dictionary<string, AttributeValue> { ["path"] = new(f.Path), ["desired"] = new(f.Desired), ["live"] = new(f.Live) },
            })],
        };
        item["revision"] = new(alert.Revision);
        item["policy"] = new(alert.Policy.ToString());
        item["firstSeen"] = new(Timestamp(alert.FirstSeen));
        item["lastSent"] = new(Timestamp(alert.LastSent));
        item["healed"] = new() { BOOL = alert.Healed };
        item["signature"] = new(alert.Signature);
        return item;
    }

    public async Task<IReadOnlyList<DriftAlert>> ListAsync(string stack, CancellationToken cancellationToken)
    {
        var alerts = new List<DriftAlert>();
        Dictionary<string, AttributeValue>? start = null;
        try
        {
            do
            {
                var page = await dynamoDb.QueryAsync(
                    new QueryRequest
                    {
                        TableName = tableName,
                        KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                        {
                            [":pk"] = new(StateStore.PartitionOf(stack)),
                            [":prefix"] = new(AlertPrefix),
                        },
                        ExclusiveStartKey = start,
                        ConsistentRead = true,
                    },
                    cancellationToken);
                alerts.AddRange((page.Items ?? []).Select(item => ToAlert(stack, item)).OfType<DriftAlert>());
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        }
        catch (ResourceNotFoundException)
        {
            // No state table yet (status before the first apply): nothing is open.
            return [];
        }

        return alerts;
    }

    public Task WriteAsync(AlertWrite write, CancellationToken cancellationToken) =>
        write.Alert is { } alert
            ? dynamoDb.PutItemAsync(new PutItemRequest { TableName = tableName, Item = ItemOf(alert) }, cancellationToken)
            : dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = KeyOf(write.Stack, write.Key) }, cancellationToken);

    private static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    // An item this version cannot read is skipped rather than failing the cycle: at worst its drift is alerted again.
    private static DriftAlert? ToAlert(string stack, Dictionary<string, AttributeValue> item)
    {
        if (!ResourceKey.TryParse(item["sk"].S[AlertPrefix.Length..], out var key)
            || !item.TryGetValue("signature", out var signature)
            || !TryTime(item, "firstSeen", out var firstSeen)
            || !TryTime(item, "lastSent", out var lastSent))
        {
            return null;
        }

        var fields = item.TryGetValue("fields", out var list) && list.L is { } entries
            ? entries.Where(e => e.M is not null).Select(e => new DriftField(Text(e.M, "path"), Text(e.M, "desired"), Text(e.M, "live"))).ToList()
            : [];
        return new DriftAlert
        {
            Stack = stack,
            Key = key,
            Fields = fields,
            Revision = item.TryGetValue("revision", out var revision) ? revision.S ?? "" : "",
            Policy = item.TryGetValue("policy", out var policy) && Enum.TryParse<DriftPolicy>(policy.S, out var parsed) ? parsed : DriftPolicy.Alert,
            FirstSeen = firstSeen,
            LastSent = lastSent,
            Healed = item.TryGetValue("healed", out var healed) && healed.BOOL == true,
            Signature = signature.S ?? "",
        };
    }

    private static string Text(Dictionary<string, AttributeValue> map, string name) =>
        map.TryGetValue(name, out var value) && value.S is { } text ? text : DriftField.Absent;

    private static bool TryTime(Dictionary<string, AttributeValue> item, string name, out DateTimeOffset time)
    {
        time = default;
        return item.TryGetValue(name, out var value)
            && DateTimeOffset.TryParse(value.S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out time);
    }
}
