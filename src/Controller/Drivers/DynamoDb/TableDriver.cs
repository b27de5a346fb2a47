using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.DynamoDb;

/// <summary>
/// Converges DynamoDB tables.
/// <para>
/// Reads: one paginated ListTables (names only), then per table of the stack four reads,
/// because DynamoDB has no batch read of table settings or tags: DescribeTable (keys, billing,
/// capacity), DescribeContinuousBackups (point-in-time recovery), DescribeTimeToLive and
/// ListTagsOfResource.
/// </para>
/// <para>
/// Live form: <c>sortKey</c> is null for a table without one; <c>readCapacity</c> and
/// <c>writeCapacity</c> are reported only with PROVISIONED billing (on-demand tables have none);
/// <c>timeToLiveAttribute</c> is the attribute while TTL is enabled (or enabling), else null.
/// </para>
/// </summary>
internal sealed class TableDriver : NameAddressedDriver<TableSpec, string>
{
    private const string Provisioned = "PROVISIONED";

    /// <summary>The spec fields UpdateTable changes together.</summary>
    private static readonly string[] BillingFields = ["billingMode", "readCapacity", "writeCapacity"];

    /// <summary>Every mutable field: what a create (or adoption) converges.</summary>
    private static readonly string[] MutableFields = [.. BillingFields, "pointInTimeRecovery", "timeToLiveAttribute"];

    protected override string NameOf(TableSpec spec) => spec.TableName!;

    // ListTables has no prefix filter: every page of names is read.
    protected override async Task<IReadOnlyDictionary<string, string>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var names = await Pages.ReadAllAsync<string>(async token =>
        {
            var response = await context.Aws.DynamoDb.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = token }, cancellationToken);
            return (response.TableNames, response.LastEvaluatedTableName);
        });
        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => n, StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource?> ReadAsync(ResourceKey key, string listed, DriverContext context, CancellationToken cancellationToken)
    {
        var dynamoDb = context.Aws.DynamoDb;
        try
        {
            var table = (await dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = listed }, cancellationToken)).Table;
            var backups = await dynamoDb.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = listed }, cancellationToken);
            var ttl = (await dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = listed }, cancellationToken)).TimeToLiveDescription;
            var tags = await DynamoDbTags.ReadAsync(dynamoDb, table.TableArn, cancellationToken);

            // Tables created without a billing mode have no summary: they are provisioned.
            var billingMode = table.BillingModeSummary?.BillingMode?.Value ?? Provisioned;
            var provisioned = billingMode == Provisioned;
            var ttlOn = ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLED || ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLING;
            return new ObservedResource
            {
                Key = key,
                Exists = true,
                Live = new JsonObject
                {
                    ["tableName"] = table.TableName,
                    ["partitionKey"] = KeyOf(table, KeyType.HASH),
                    ["sortKey"] = KeyOf(table, KeyType.RANGE),
                    ["billingMode"] = billingMode,
                    ["readCapacity"] = provisioned ? table.ProvisionedThroughput?.ReadCapacityUnits : null,
                    ["writeCapacity"] = provisioned ? table.ProvisionedThroughput?.WriteCapacityUnits : null,
                    ["pointInTimeRecovery"] = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus == PointInTimeRecoveryStatus.ENABLED,
                    ["timeToLiveAttribute"] = ttlOn ? ttl!.AttributeName : null,
                },
                Tags = tags,
                Identity = new Dictionary<string, string> { ["id"] = table.TableName, ["arn"] = table.TableArn },
                Outputs = new Dictionary<string, string> { ["tableName"] = table.TableName, ["tableArn"] = table.TableArn },
            };
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    protected override async Task<ObservedResource> CreateAsync(ResourceKey key, TableSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var name = NameOf(spec);
        try
        {
            await context.Aws.DynamoDb.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = name,
                    KeySchema = [.. KeySchemaOf(spec)],
                    AttributeDefinitions = [.. new[] { spec.PartitionKey, spec.SortKey }.OfType<KeyAttributeSpec>().Select(k => new AttributeDefinition(k.Name, new ScalarAttributeType(k.Type)))],
                    BillingMode = new BillingMode(spec.BillingMode),
                    ProvisionedThroughput = ThroughputOf(key, spec),
                    Tags = DynamoDbTags.ToSdk(tags),
                },
                cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Ours already (an earlier create that was not recorded): adopt it and converge below.
        }

        await WaitActiveAsync(key, name, context, cancellationToken);
        var observed = await ObserveByNameAsync(key, name, context, cancellationToken);
        return await ConvergeAsync(key, spec, tags, observed, MutableFields, context, cancellationToken);
    }

    protected override Task<ObservedResource> UpdateAsync(ResourceKey key, TableSpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken) =>
        ConvergeAsync(key, spec, tags, observed, [.. fields.Select(f => f.Path.Split('.')[0])], context, cancellationToken);

    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.DynamoDb.DeleteTableAsync(new DeleteTableRequest { TableName = identity["id"] }, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // Already gone: a delete of a missing resource succeeds.
        }
    }

    /// <summary>
    /// Changes the listed fields where live differs: each DynamoDB setting has its own call, and
    /// UpdateTable refuses a request that changes nothing, so unchanged settings are not sent.
    /// </summary>
    private async Task<ObservedResource> ConvergeAsync(ResourceKey key, TableSpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyCollection<string> fields, DriverContext context, CancellationToken cancellationToken)
    {
        var dynamoDb = context.Aws.DynamoDb;
        var name = observed.Identity["id"];
        var live = observed.Live!;
        if (fields.Intersect(BillingFields).Any() && BillingDiffers(spec, live))
        {
            await dynamoDb.UpdateTableAsync(
                new UpdateTableRequest { TableName = name, BillingMode = new BillingMode(spec.BillingMode), ProvisionedThroughput = ThroughputOf(key, spec) },
                cancellationToken);
            await WaitActiveAsync(key, name, context, cancellationToken);
        }

        if (fields.Contains("pointInTimeRecovery") && live["pointInTimeRecovery"]?.GetValue<bool>() != spec.PointInTimeRecovery)
        {
            // Continuous backups become available a little after a new table turns ACTIVE.
            await Waiter.UntilAsync(
                $"{key} ({name}) to accept point-in-time recovery settings",
                async ct =>
                {
                    try
                    {
                        await dynamoDb.UpdateContinuousBackupsAsync(
                            new UpdateContinuousBackupsRequest
                            {
                                TableName = name,
                                PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = spec.PointInTimeRecovery },
                            },
                            ct);
                        return true;
                    }
                    catch (ContinuousBackupsUnavailableException)
                    {
                        return false;
                    }
                },
                context.Time,
                context.WaitTimeout,
                cancellationToken);
        }

        var liveTtl = live["timeToLiveAttribute"]?.GetValue<string>();
        if (fields.Contains("timeToLiveAttribute") && spec.TimeToLiveAttribute is { } ttl && liveTtl != ttl)
        {
            // A table has one TTL attribute: another one must be switched off first.
            if (liveTtl is not null)
            {
                await SetTimeToLiveAsync(dynamoDb, name, liveTtl, enabled: false, cancellationToken);
            }

            await SetTimeToLiveAsync(dynamoDb, name, ttl, enabled: true, cancellationToken);
        }

        await DynamoDbTags.ConvergeAsync(dynamoDb, observed.Identity["arn"], tags, observed.Tags, cancellationToken);
        return await ObserveByNameAsync(key, name, context, cancellationToken);
    }

    private static bool BillingDiffers(TableSpec spec, JsonObject live) =>
        live["billingMode"]?.GetValue<string>() != spec.BillingMode
        || (spec.BillingMode == Provisioned
            && (live["readCapacity"]?.GetValue<long>() != spec.ReadCapacity || live["writeCapacity"]?.GetValue<long>() != spec.WriteCapacity));

    private static Task SetTimeToLiveAsync(IAmazonDynamoDB dynamoDb, string name, string attribute, bool enabled, CancellationToken cancellationToken) =>
        dynamoDb.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest { TableName = name, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = enabled } },
            cancellationToken);

    private static Task WaitActiveAsync(ResourceKey key, string name, DriverContext context, CancellationToken cancellationToken) =>
        Waiter.UntilAsync(
            $"{key} ({name}) to become ACTIVE",
            async ct => (await context.Aws.DynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = name }, ct)).Table.TableStatus == TableStatus.ACTIVE,
            context.Time,
            context.WaitTimeout,
            cancellationToken);

    private static IEnumerable<KeySchemaElement> KeySchemaOf(TableSpec spec)
    {
        yield return new KeySchemaElement(spec.PartitionKey.Name, KeyType.HASH);
        if (spec.SortKey is { } sort)
        {
            yield return new KeySchemaElement(sort.Name, KeyType.RANGE);
        }
    }

    private static ProvisionedThroughput? ThroughputOf(ResourceKey key, TableSpec spec) =>
        spec.BillingMode != Provisioned ? null
        : spec.ReadCapacity is { } read && spec.WriteCapacity is { } write ? new ProvisionedThroughput(read, write)
        : throw new InvalidOperationException($"{key}: billingMode PROVISIONED needs readCapacity and writeCapacity; set both, or use PAY_PER_REQUEST.");

    private static JsonObject? KeyOf(TableDescription table, KeyType type)
    {
        var element = table.KeySchema?.FirstOrDefault(k => k.KeyType == type);
        if (element is null)
        {
            return null;
        }

        var attribute = table.AttributeDefinitions?.FirstOrDefault(a => a.AttributeName == element.AttributeName);
        return new JsonObject { ["name"] = element.AttributeName, ["type"] = attribute?.AttributeType?.Value };
    }
}
