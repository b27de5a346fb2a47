using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Drift;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Drift;

/// <summary>Open alerts kept in a state table on the emulator, shaped as StateStore creates it.</summary>
public sealed class DynamoDbAlertStoreTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>
{
    private static readonly ResourceKey Vpc = new("Vpc", "main");

    private static readonly DateTimeOffset FirstSeen = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PutListRemove_RoundTripsEveryField()
    {
        using var factory = emulator.CreateFactory();
        using var dynamo = factory.CreateDynamoDb();
        var table = await CreateTableAsync(dynamo);
        var store = new DynamoDbAlertStore(dynamo, table);
        IReadOnlyList<DriftField> fields =
        [
            new("cidrBlock", "\"10.0.0.0/16\"", "\"10.1.0.0/16\""),
            new("retentionInDays", "14", DriftField.Absent),
            new("tags", """{"team":"ml"}""", """{"team":"x"}"""),
        ];
        var alert = new DriftAlert
        {
            Stack = "dev",
            Key = Vpc,
            Fields = fields,
            Revision = "3f2c1e0",
            Policy = DriftPolicy.Heal,
            FirstSeen = FirstSeen,
            LastSent = FirstSeen.AddHours(1).AddMilliseconds(250),
            Healed = true,
            Signature = DriftAlert.SignatureOf(fields),
        };

        await store.WriteAsync(AlertWrite.Put(alert), CancellationToken.None);
        var listed = Assert.Single(await store.ListAsync("dev", CancellationToken.None));
        var otherStack = await store.ListAsync("prod", CancellationToken.None);
        await store.WriteAsync(AlertWrite.Remove("dev", Vpc), CancellationToken.None);
        var afterRemove = await store.ListAsync("dev", CancellationToken.None);

        Assert.Equal(alert with { Fields = listed.Fields }, listed);
        Assert.Equal(fields, listed.Fields);
        Assert.Empty(otherStack);
        Assert.Empty(afterRemove);
    }

    [Fact]
    public async Task Item_IsUnderTheStacksPartitionWithAnAlertSortKey()
    {
        using var factory = emulator.CreateFactory();
        using var dynamo = factory.CreateDynamoDb();
        var table = await CreateTableAsync(dynamo);
        var tracker = Tracker(new DynamoDbAlertStore(dynamo, table), new Recorder());

        await tracker.ObserveAsync(DriftPlan(), "3f2c1e0", new HashSet<ResourceKey>(), CancellationToken.None);

        var item = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new Dictionary<string, AttributeValue> { ["pk"] = new("stack#dev"), ["sk"] = new("alert#Vpc/main") },
            ConsistentRead = true,
        });
        Assert.Equal(("Vpc", "main", "Alert"), (item.Item["kind"].S, item.Item["name"].S, item.Item["policy"].S));
    }

    [Fact]
    public async Task NewTrackerOverTheSameTable_DoesNotResendAnOpenAlert()
    {
        using var factory = emulator.CreateFactory();
        using var dynamo = factory.CreateDynamoDb();
        var table = await CreateTableAsync(dynamo);
        var firstSink = new Recorder();
        var secondSink = new Recorder();

        await Tracker(new DynamoDbAlertStore(dynamo, table), firstSink)
            .ObserveAsync(DriftPlan(), "3f2c1e0", new HashSet<ResourceKey>(), CancellationToken.None);
        // A new leader: a fresh tracker and store over the same table.
        var report = await Tracker(new DynamoDbAlertStore(dynamo, table), secondSink)
            .ObserveAsync(DriftPlan(), "3f2c1e0", new HashSet<ResourceKey>(), CancellationToken.None);

        Assert.Equal(DriftNotificationKind.New, Assert.Single(firstSink.Notifications).Kind);
        Assert.Empty(secondSink.Notifications);
        Assert.Equal(Vpc, Assert.Single(report.Open).Key);
    }

    [Fact]
    public async Task List_TableMissing_IsEmpty()
    {
        using var factory = emulator.CreateFactory();
        using var dynamo = factory.CreateDynamoDb();

        var alerts = await new DynamoDbAlertStore(dynamo, "missing-" + Guid.NewGuid().ToString("N")[..8]).ListAsync("dev", CancellationToken.None);

        Assert.Empty(alerts);
    }

    private static DriftTracker Tracker(IAlertStore store, IAlertSink sink) =>
        new(store, [sink], new DriftOptions(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    private static Plan DriftPlan() => new()
    {
        Stack = new StackSpec { Name = "dev", Region = "us-east-1", AccountId = AwsEmulatorFixture.MotoAccountId },
        Changes =
        [
            new ResourceChange
            {
                Key = Vpc,
                Action = ChangeAction.Update,
                IsDrift = true,
                Desired = new DesiredResource
                {
                    Key = Vpc,
                    Spec = new VpcSpec { CidrBlock = "10.0.0.0/16" },
                    SpecJson = new System.Text.Json.Nodes.JsonObject { ["cidrBlock"] = "10.0.0.0/16" },
                    Metadata = new ResourceMetadata { Name = "main" },
                    Location = new SourceLocation("network.yaml", 1, 1),
                    Hash = "hash-1",
                },
                Fields = [new FieldChange { Path = "cidrBlock", Before = "10.1.0.0/16", After = "10.0.0.0/16" }],
            },
        ],
    };

    // The state table's shape (StateStore.EnsureTableAsync): pk S HASH, sk S RANGE, on demand.
    private static async Task<string> CreateTableAsync(IAmazonDynamoDB dynamo)
    {
        var name = "alerts-" + Guid.NewGuid().ToString("N")[..8];
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
        });
        return name;
    }

    private sealed class Recorder : IAlertSink
    {
        private readonly List<DriftNotification> _notifications = [];

        public IReadOnlyList<DriftNotification> Notifications => _notifications;

        public Task SendAsync(DriftReport report, CancellationToken cancellationToken)
        {
            _notifications.AddRange(report.Notifications);
            return Task.CompletedTask;
        }
    }
}
