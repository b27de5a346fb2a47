using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Leases;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.State;

/// <summary>
/// The controller's memory in DynamoDB: one item per resource (identity, outputs, the hash last
/// applied, the deletion policy in force) and one per stack run, all under the stack's
/// partition. A create is recorded as pending before it is sent, so a crash between AWS
/// creating the resource and this table recording it is noticed, not repeated.
/// </summary>
internal sealed class StateStore(IAmazonDynamoDB dynamoDb, StateTableOptions options, TimeProvider time, LeaseFence? fence = null)
{
    private const string ResourcePrefix = "resource#";

    /// <summary>
    /// The same store, with every write conditional on <paramref name="leaseFence"/>: a replica
    /// that lost the lease cannot record anything, whatever it still believes.
    /// </summary>
    public StateStore Fenced(LeaseFence leaseFence) => new(dynamoDb, options, time, leaseFence);

    /// <summary>The fence of this store's writes, if any.</summary>
    public LeaseFence? Fence => fence;

    /// <summary>Creates the state table when it is missing and waits until it is active.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var described = await dynamoDb.DescribeTableAsync(options.TableName, cancellationToken);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }
        }
        catch (ResourceNotFoundException)
        {
            try
            {
                await dynamoDb.CreateTableAsync(
                    new CreateTableRequest
                    {
                        TableName = options.TableName,
                        BillingMode = BillingMode.PAY_PER_REQUEST,
                        KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
                        AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
                        Tags = [new Tag { Key = "reconciler:role", Value = "state" }],
                    },
                    cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another replica created it first.
            }
        }

        await Drivers.Mechanics.Waiter.UntilAsync(
            $"state table {options.TableName} to become active",
            async ct => (await dynamoDb.DescribeTableAsync(options.TableName, ct)).Table.TableStatus == TableStatus.ACTIVE,
            time,
            TimeSpan.FromMinutes(5),
            cancellationToken);
    }

    /// <summary>Every resource recorded for the stack; empty when the table does not exist yet.</summary>
    public async Task<IReadOnlyDictionary<ResourceKey, RecordedResource>> LoadAsync(string stack, CancellationToken cancellationToken)
    {
        var records = new Dictionary<ResourceKey, RecordedResource>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await QueryResourcesAsync(stack, start, cancellationToken);
            if (page is null)
            {
                return records;
            }

            foreach (var record in (page.Items ?? []).Select(ToRecord).OfType<RecordedResource>())
            {
                records[record.Key] = record;
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return records;
    }

    // One page of the stack's resource items; null when there is no state table yet (nothing
    // was ever applied from here, and plan must not create it).
    private async Task<QueryResponse?> QueryResourcesAsync(string stack, Dictionary<string, AttributeValue>? start, CancellationToken cancellationToken)
    {
        try
        {
            return await dynamoDb.QueryAsync(
                new QueryRequest
                {
                    TableName = options.TableName,
                    KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":pk"] = new(PartitionOf(stack)),
                        [":prefix"] = new(ResourcePrefix),
                    },
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                },
                cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records that a create is about to be sent, before it is.</summary>
    public Task MarkCreatePendingAsync(string stack, ResourceKey key, EffectiveDeletionPolicy deletionPolicy, CancellationToken cancellationToken) =>
        PutAsync(stack, key, new Dictionary<string, AttributeValue>
        {
            ["pending"] = new() { BOOL = true },
            ["deletionPolicy"] = new(deletionPolicy.Policy.ToString()),
            ["explicitDelete"] = new() { BOOL = deletionPolicy.Explicit },
        }, cancellationToken);

    /// <summary>
    /// Records what was applied: identity, outputs and the desired hash — or no hash when the
    /// resource exists but does not match its document yet.
    /// </summary>
    public Task RecordAppliedAsync(string stack, ResourceKey key, ObservedResource observed, string? hash, EffectiveDeletionPolicy deletionPolicy, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, AttributeValue>
        {
            ["identity"] = MapOf(observed.Identity),
            ["outputs"] = MapOf(observed.Outputs),
            ["deletionPolicy"] = new(deletionPolicy.Policy.ToString()),
            ["explicitDelete"] = new() { BOOL = deletionPolicy.Explicit },
        };
        if (hash is not null)
        {
            attributes["appliedHash"] = new(hash);
        }

        return PutAsync(stack, key, attributes, cancellationToken);
    }

    /// <summary>Forgets a resource that was deleted or orphaned.</summary>
    public Task ForgetAsync(string stack, ResourceKey key, CancellationToken cancellationToken)
    {
        var itemKey = new Dictionary<string, AttributeValue> { ["pk"] = new(PartitionOf(stack)), ["sk"] = new(ResourcePrefix + key) };
        return fence is null
            ? dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = options.TableName, Key = itemKey }, cancellationToken)
            : FencedWriter.DeleteAsync(dynamoDb, fence, new Delete { TableName = options.TableName, Key = itemKey }, cancellationToken);
    }

    /// <summary>Writes one item of the state table, fenced when this store is.</summary>
    public Task PutItemAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        fence is null
            ? dynamoDb.PutItemAsync(new PutItemRequest { TableName = options.TableName, Item = item }, cancellationToken)
            : FencedWriter.PutAsync(dynamoDb, fence, new Put { TableName = options.TableName, Item = item }, cancellationToken);

    private Task PutAsync(string stack, ResourceKey key, Dictionary<string, AttributeValue> attributes, CancellationToken cancellationToken)
    {
        attributes["pk"] = new(PartitionOf(stack));
        attributes["sk"] = new(ResourcePrefix + key);
        attributes["kind"] = new(key.Kind);
        attributes["name"] = new(key.Name);
        attributes["updatedAt"] = new(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return PutItemAsync(attributes, cancellationToken);
    }

    /// <summary>The partition of a stack's items.</summary>
    public static string PartitionOf(string stack) => "stack#" + stack;

    private static AttributeValue MapOf(IReadOnlyDictionary<string, string> values) =>
        new() { M = values.ToDictionary(v => v.Key, v => new AttributeValue(v.Value)) };

    private static Dictionary<string, string> StringsOf(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.M is { } map
            ? map.Where(e => e.Value.S is not null).ToDictionary(e => e.Key, e => e.Value.S)
            : [];

    private static RecordedResource? ToRecord(Dictionary<string, AttributeValue> item)
    {
        if (!ResourceKey.TryParse(item["sk"].S[ResourcePrefix.Length..], out var key))
        {
            return null;
        }

        return new RecordedResource
        {
            Key = key,
            Identity = StringsOf(item, "identity"),
            Outputs = StringsOf(item, "outputs"),
            AppliedHash = item.TryGetValue("appliedHash", out var hash) ? hash.S : null,
            DeletionPolicy = item.TryGetValue("deletionPolicy", out var policy) && Enum.TryParse<DeletionPolicy>(policy.S, out var parsed)
                ? parsed
                : DeletionPolicy.Orphan,
            ExplicitDeletionPolicy = item.TryGetValue("explicitDelete", out var explicitDelete) && explicitDelete.BOOL == true,
        };
    }
}
