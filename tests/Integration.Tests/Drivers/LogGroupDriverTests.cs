using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class LogGroupDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: LogGroup
        metadata:
          name: inference
          tags:
            service: inference
        spec:
          retentionDays: 14
        """;

    [Fact]
    public async Task LogGroup_Created_ObserveMatchesDesiredWithTagsAndOutputs()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var created = await harness.CreateAsync("LogGroup", "inference");
        var observed = await harness.ObserveAsync("LogGroup", "inference");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal($"/{harness.StackName}/inference", observed.Outputs["logGroupName"]);
        Assert.EndsWith($":log-group:/{harness.StackName}/inference", observed.Outputs["logGroupArn"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogGroup_CreatedTwice_AdoptsTheExistingGroup()
    {
        using var harness = new DriverHarness(emulator, Documents);

        await harness.CreateAsync("LogGroup", "inference");
        var second = await harness.CreateAsync("LogGroup", "inference");

        harness.AssertInSync(second);
        var groups = await harness.OutOfBand.Logs.DescribeAllLogGroupsAsync($"/{harness.StackName}/");
        Assert.Single(groups);
    }

    [Fact]
    public async Task LogGroup_RetentionChangedInDocument_UpdateAppliesIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAsync("LogGroup", "inference");

        harness.Load(Documents.Replace("retentionDays: 14", "retentionDays: 90", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("LogGroup", "inference");

        Assert.Equal(["retentionDays"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("LogGroup", "inference"));
    }

    [Fact]
    public async Task LogGroup_RetentionChangedOutOfBand_ObserveShowsIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("LogGroup", "inference");

        await harness.OutOfBand.Logs.PutRetentionPolicyAsync(created.Identity["id"], 3);
        var observed = await harness.ObserveAsync("LogGroup", "inference");

        Assert.Equal(3, observed.Live!["retentionDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task LogGroup_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("LogGroup", "inference");

        await harness.DeleteAsync("LogGroup", "inference", created.Identity);
        var observed = await harness.ObserveAsync("LogGroup", "inference", recorded: created.Identity);
        await harness.DeleteAsync("LogGroup", "inference", created.Identity);

        Assert.False(observed.Exists);
    }
}
