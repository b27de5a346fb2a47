using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

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
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. DynamoDbTags.Operations,
        .. StackTagIndex.Operations,
        SdkOperations.DynamoDb.CreateTable,
        SdkOperations.DynamoDb.DeleteTable,
        SdkOperations.DynamoDb.DescribeContinuousBackups,
        SdkOperations.DynamoDb.DescribeTable,
        SdkOperations.DynamoDb.DescribeTimeToLive,
        SdkOperations.DynamoDb.ListTables,
        SdkOperations.DynamoDb.UpdateContinuousBackups,
        SdkOperations.DynamoDb.UpdateTable,
        SdkOperations.DynamoDb.UpdateTimeToLive,
    ];

    private const string Provisioned = "PROVISIONED";

    protected override AwsService Service => AwsService.DynamoDb;

    protected override ITagApi Tags => DynamoDbTags.Instance;

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

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, string listed, DriverContext context, CancellationToken cancellationToken)
    {
        var dynamoDb = context.Aws.DynamoDb;

        // The three reads are independent: sent together, a table costs one round trip, not three.
        var tableRead = dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = listed }, cancellationToken);
        var backupsRead = dynamoDb.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = listed }, cancellationToken);
        var ttlRead = dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = listed }, cancellationToken);
        await Task.WhenAll(tableRead, backupsRead, ttlRead);
        var (table, backups, ttl) = ((await tableRead).Table, await backupsRead, (await ttlRead).TimeToLiveDescription);

        // Tables created without a billing mode have no summary: they are provisioned.
        var billingMode = table.BillingModeSummary?.BillingMode?.Value ?? Provisioned;
        var provisioned = billingMode == Provisioned;
        var live = new TableSpec
        {
            TableName = table.TableName,
            PartitionKey = KeyOf(table, KeyType.HASH)!,
            SortKey = KeyOf(table, KeyType.RANGE),
            BillingMode = billingMode,
            ReadCapacity = provisioned ? (int?)table.ProvisionedThroughput?.ReadCapacityUnits : null,
            WriteCapacity = provisioned ? (int?)table.ProvisionedThroughput?.WriteCapacityUnits : null,
            PointInTimeRecovery = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus == PointInTimeRecoveryStatus.ENABLED,
            TimeToLiveAttribute = ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLED || ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLING ? ttl.AttributeName : null,
        };
        var identity = new Dictionary<string, string> { ["id"] = table.TableName, ["arn"] = table.TableArn };
        var outputs = new Dictionary<string, string> { ["tableName"] = table.TableName, ["tableArn"] = table.TableArn };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, outputs);
    }

    // Point-in-time recovery and TTL have no CreateTable parameter: they follow as in-place changes.
    protected override async Task<string> CreateNewAsync(ResourceKey key, TableSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var name = NameOf(spec);
        var keys = new[] { (spec.PartitionKey, KeyType.HASH), (spec.SortKey, KeyType.RANGE) }.Where(k => k.Item1 is not null).ToList();
        try
        {
            await context.Aws.DynamoDb.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = name,
                    KeySchema = [.. keys.Select(k => new KeySchemaElement(k.Item1!.Name, k.Item2))],
                    AttributeDefinitions = [.. keys.Select(k => new AttributeDefinition(k.Item1!.Name, new ScalarAttributeType(k.Item1.Type!)))],
                    BillingMode = new BillingMode(spec.BillingMode),
                    ProvisionedThroughput = ThroughputOf(key, spec),
                    Tags = DynamoDbTags.ToSdk(tags),
                },
                cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
        }

        await WaitActiveAsync(key, name, context, cancellationToken);
        return name;
    }

    /// <summary>Each DynamoDB setting has its own call; the planner lists only settings that differ, as UpdateTable refuses a no-op.</summary>
    protected override async Task ApplyAsync(SpecChange<TableSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (dynamoDb, spec, name) = (context.Aws.DynamoDb, change.Desired, change.Id);
        if (change.Changed("billingMode") || change.Changed("readCapacity") || change.Changed("writeCapacity"))
        {
            await dynamoDb.UpdateTableAsync(
                new UpdateTableRequest { TableName = name, BillingMode = new BillingMode(spec.BillingMode), ProvisionedThroughput = ThroughputOf(change.Key, spec) },
                cancellationToken);
            await WaitActiveAsync(change.Key, name, context, cancellationToken);
        }

        if (change.Changed("pointInTimeRecovery"))
        {
            // Continuous backups become available a little after a new table turns ACTIVE.
            var request = new UpdateContinuousBackupsRequest
            {
                TableName = name,
                PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = spec.PointInTimeRecovery },
            };
            await Waiter.UntilAcceptedAsync<ContinuousBackupsUnavailableException>(
                $"{change.Key} ({name}) to accept point-in-time recovery settings",
                ct => dynamoDb.UpdateContinuousBackupsAsync(request, ct),
                context,
                cancellationToken);
        }

        if (change.Changed("timeToLiveAttribute") && spec.TimeToLiveAttribute is { } ttl)
        {
            // A table has one TTL attribute: another one must be switched off first.
            if (change.Live.TimeToLiveAttribute is { } old)
            {
                await SetTimeToLiveAsync(dynamoDb, name, old, enabled: false, cancellationToken);
            }

            await SetTimeToLiveAsync(dynamoDb, name, ttl, enabled: true, cancellationToken);
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.DynamoDb.DeleteTableAsync(new DeleteTableRequest { TableName = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is ResourceNotFoundException;

    private static Task SetTimeToLiveAsync(IAmazonDynamoDB dynamoDb, string name, string attribute, bool enabled, CancellationToken cancellationToken) =>
        dynamoDb.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest { TableName = name, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = enabled } },
            cancellationToken);

    private static Task WaitActiveAsync(ResourceKey key, string name, DriverContext context, CancellationToken cancellationToken) =>
        Waiter.UntilAsync(
            $"{key} ({name}) to become ACTIVE",
            async ct => (await context.Aws.DynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = name }, ct)).Table.TableStatus == TableStatus.ACTIVE,
            context,
            cancellationToken);

    private static ProvisionedThroughput? ThroughputOf(ResourceKey key, TableSpec spec) =>
        spec.BillingMode != Provisioned ? null
        : spec.ReadCapacity is { } read && spec.WriteCapacity is { } write ? new ProvisionedThroughput(read, write)
        : throw new InvalidOperationException($"{key}: billingMode PROVISIONED needs readCapacity and writeCapacity; set both, or use PAY_PER_REQUEST.");

    private static KeyAttributeSpec? KeyOf(TableDescription table, KeyType type) =>
        table.KeySchema?.FirstOrDefault(k => k.KeyType == type) is { } element
            ? new KeyAttributeSpec { Name = element.AttributeName, Type = table.AttributeDefinitions?.FirstOrDefault(a => a.AttributeName == element.AttributeName)?.AttributeType?.Value }
            : null;
}
