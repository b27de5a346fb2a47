using Amazon.DynamoDBv2.Model;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class TableDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Table
        metadata:
          name: sessions
          deletionPolicy: delete
        spec:
          partitionKey:
            name: pk
          sortKey:
            name: sk
            type: N
          pointInTimeRecovery: true
          timeToLiveAttribute: expiresAt
        """;

    [Fact]
    public async Task Table_Created_ObserveMatchesDesiredWithTagsAndOutputs()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var created = await harness.CreateAsync("Table", "sessions");
        var observed = await harness.ObserveAsync("Table", "sessions");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal($"{harness.StackName}-sessions", observed.Outputs["tableName"]);
        Assert.EndsWith($":table/{harness.StackName}-sessions", observed.Outputs["tableArn"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_CreatedTwice_AdoptsTheExistingTable()
    {
        using var harness = new DriverHarness(emulator, Documents);

        await harness.CreateAsync("Table", "sessions");
        var second = await harness.CreateAsync("Table", "sessions");

        harness.AssertInSync(second);
        var tables = await harness.OutOfBand.DynamoDb.ListTablesAsync(new ListTablesRequest());
        Assert.Single(tables.TableNames, n => n == $"{harness.StackName}-sessions");
    }

    [Fact]
    public async Task Table_BillingAndRecoveryChangedInDocument_UpdateAppliesThem()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAsync("Table", "sessions");

        harness.Load(Documents.Replace(
            "pointInTimeRecovery: true",
            "pointInTimeRecovery: false\n  billingMode: PROVISIONED\n  readCapacity: 5\n  writeCapacity: 2",
            StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Table", "sessions");

        Assert.Equal(["billingMode", "readCapacity", "writeCapacity", "pointInTimeRecovery"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("Table", "sessions"));
    }

    [Fact]
    public async Task Table_RecoverySwitchedOffOutOfBand_ObserveShowsIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Table", "sessions");

        await harness.OutOfBand.DynamoDb.UpdateContinuousBackupsAsync(new UpdateContinuousBackupsRequest
        {
            TableName = created.Identity["id"],
            PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = false },
        });
        var observed = await harness.ObserveAsync("Table", "sessions");

        Assert.False(((TableSpec)observed.Live!).PointInTimeRecovery);
    }

    [Fact]
    public async Task Table_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Table", "sessions");

        await harness.DeleteAsync("Table", "sessions", created.Identity);
        var observed = await harness.ObserveAsync("Table", "sessions", recorded: created.Identity);
        await harness.DeleteAsync("Table", "sessions", created.Identity);

        Assert.False(observed.Exists);
    }
}
