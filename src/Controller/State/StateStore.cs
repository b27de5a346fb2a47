using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Aws;
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
internal sealed class StateStore(IAmazonDynamoDB dynamoDb, StateTableOptions options, TimeProvider time, LeaseFence? fence = null) : IStateStore
{
    private const string ResourcePrefix = "resource#";

    // Kept apart from resource items: a failed observe is not a record of anything applied.
    private const string ObserveFailurePrefix = "observe-failure#";

    /// <summary>
    /// The same store, with every write conditional on <paramref name="leaseFence"/>: a replica
    /// that lost the lease cannot record anything, whatever it still believes.
    /// </summary>
    public StateStore Fenced(LeaseFence leaseFence) => new(dynamoDb, options, time, leaseFence);

    /// <summary>The fence of this store's writes, if any.</summary>
    public LeaseFence? Fence => fence;

    /// <summary>The name of the DynamoDB table this store reads and writes.</summary>
    public string TableName => options.TableName;

    /// <summary>Whether the state table exists (in any status); reads only, so plan-only credentials suffice.</summary>
    public async Task<bool> TableExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DescribeTableAsync(options.TableName, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

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
            var page = await QueryPrefixAsync(stack, ResourcePrefix, start, cancellationToken);
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

    // One page of the stack's items under a sort-key prefix; null when there is no state table
    // yet (nothing was ever applied from here, and plan must not create it).
    private async Task<QueryResponse?> QueryPrefixAsync(string stack, string prefix, Dictionary<string, AttributeValue>? start, CancellationToken cancellationToken)
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
                        [":prefix"] = new(prefix),
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
    /// resource exists but does not match its document yet — the tags applied, and the identity of
    /// a replaced resource still to delete.
    /// </summary>
    public Task RecordAppliedAsync(string stack, RecordedResource record, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, AttributeValue>
        {
            ["identity"] = MapOf(record.Identity),
            ["outputs"] = MapOf(record.Outputs),
            ["deletionPolicy"] = new(record.DeletionPolicy.ToString()),
            ["explicitDelete"] = new() { BOOL = record.ExplicitDeletionPolicy },
            ["appliedTags"] = MapOf(record.AppliedTags),
        };
        if (record.AppliedHash is not null)
        {
            attributes["appliedHash"] = new(record.AppliedHash);
        }

        if (record.Retiring.Count > 0)
        {
            attributes["retiring"] = MapOf(record.Retiring);
        }

        return PutAsync(stack, record.Key, attributes, cancellationToken);
    }

    /// <summary>The resources whose last observe failed; empty when none or when there is no table yet.</summary>
    public async Task<IReadOnlyDictionary<ResourceKey, ObserveFailure>> LoadObserveFailuresAsync(string stack, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<ResourceKey, ObserveFailure>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await QueryPrefixAsync(stack, ObserveFailurePrefix, start, cancellationToken);
            if (page is null)
            {
                return failures;
            }

            foreach (var item in page.Items ?? [])
            {
                if (ResourceKey.TryParse(item["sk"].S[ObserveFailurePrefix.Length..], out var key))
                {
                    failures[key] = new ObserveFailure
                    {
                        Key = key,
                        Attempts = int.Parse(item["attempts"].N, CultureInfo.InvariantCulture),
                        NextRetryAt = DateTimeOffset.Parse(item["nextRetryAt"].S, CultureInfo.InvariantCulture),
                        Error = item.TryGetValue("error", out var error) ? error.S : "",
                    };
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return failures;
    }

    /// <summary>Records (replacing) a resource's failed observe.</summary>
    public Task RecordObserveFailureAsync(string stack, ObserveFailure failure, CancellationToken cancellationToken) =>
        PutItemAsync(
            new Dictionary<string, AttributeValue>
            {
                ["pk"] = new(PartitionOf(stack)),
                ["sk"] = new(ObserveFailurePrefix + failure.Key),
                ["attempts"] = new() { N = failure.Attempts.ToString(CultureInfo.InvariantCulture) },
                ["nextRetryAt"] = new(failure.NextRetryAt.ToString("O", CultureInfo.InvariantCulture)),
                ["error"] = new(failure.Error.Length == 0 ? "unknown error" : failure.Error),
                ["updatedAt"] = new(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
            },
            cancellationToken);

    /// <summary>Forgets a resource's failed observe.</summary>
    public Task ClearObserveFailureAsync(string stack, ResourceKey key, CancellationToken cancellationToken) =>
        DeleteItemAsync(stack, ObserveFailurePrefix + key, cancellationToken);

    /// <summary>Forgets a resource that was deleted or orphaned.</summary>
    public Task ForgetAsync(string stack, ResourceKey key, CancellationToken cancellationToken) =>
        DeleteItemAsync(stack, ResourcePrefix + key, cancellationToken);

    private Task DeleteItemAsync(string stack, string sortKey, CancellationToken cancellationToken)
    {
        var itemKey = new Dictionary<string, AttributeValue> { ["pk"] = new(PartitionOf(stack)), ["sk"] = new(sortKey) };
        return NamingTheTableAsync(sortKey, () => fence is null
            ? dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = options.TableName, Key = itemKey }, cancellationToken)
            : FencedWriter.DeleteAsync(dynamoDb, fence, new Delete { TableName = options.TableName, Key = itemKey }, cancellationToken));
    }

    /// <summary>Writes one item of the state table, fenced when this store is.</summary>
    /// <exception cref="StateTableWriteException">DynamoDB refused the write, or it failed after its retries.</exception>
    /// <exception cref="LeaseLostException">The fence's lease is no longer held.</exception>
    public Task PutItemAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        NamingTheTableAsync(item["sk"].S, () => fence is null
            ? dynamoDb.PutItemAsync(new PutItemRequest { TableName = options.TableName, Item = item }, cancellationToken)
            : FencedWriter.PutAsync(dynamoDb, fence, new Put { TableName = options.TableName, Item = item }, cancellationToken));

    // A lost lease is not wrapped: callers stop on it by its type.
    private async Task NamingTheTableAsync(string item, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or AwsWriteOutcomeUnknownException)
        {
            throw new StateTableWriteException(options.TableName, item, e);
        }
    }

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
            AppliedTags = StringsOf(item, "appliedTags"),
            Retiring = StringsOf(item, "retiring"),
        };
    }
}
