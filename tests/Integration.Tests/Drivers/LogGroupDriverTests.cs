using Reconciler.Aws.Clients.CloudWatchLogs;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

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
        var groups = await harness.OutOfBand.Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = $"/{harness.StackName}/" });
        Assert.Single(groups.LogGroups ?? []);
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

        await harness.OutOfBand.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = created.Identity["id"], RetentionInDays = 3 });
        var observed = await harness.ObserveAsync("LogGroup", "inference");

        Assert.Equal(3, ((LogGroupSpec)observed.Live!).RetentionDays);
    }

    [Fact]
    public async Task Plan_LiveRetentionDiffers_IsExactlyThatFieldsChange()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("LogGroup", "inference");
        await harness.OutOfBand.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = created.Identity["id"], RetentionInDays = 3 });

        var plan = harness.Plan(await harness.ObserveAsync("LogGroup", "inference"));

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeAction.Update, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(("retentionDays", "3", "14", false), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString(), field.ForcesReplacement));
    }

    [Fact]
    public async Task Plan_LiveRetentionRemoved_ShowsNoneBeforeAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("LogGroup", "inference");
        await harness.OutOfBand.Logs.DeleteRetentionPolicyAsync(new DeleteRetentionPolicyRequest { LogGroupName = created.Identity["id"] });

        var observed = await harness.ObserveAsync("LogGroup", "inference");
        var field = Assert.Single(harness.Changes(observed));
        var (updated, _) = await harness.UpdateAsync("LogGroup", "inference");

        Assert.Null(((LogGroupSpec)observed.Live!).RetentionDays);
        Assert.Equal(("retentionDays", "14"), (field.Path, field.After?.ToJsonString()));
        Assert.Null(field.Before);
        harness.AssertInSync(updated);
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

    [Fact]
    public async Task LogGroup_TagRemovedOutOfBand_ObserveShowsItAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("LogGroup", "inference");

        await harness.OutOfBand.Logs.UntagResourceAsync(new UntagResourceRequest { ResourceArn = created.Identity["arn"], TagKeys = ["service"] });
        var observed = await harness.ObserveAsync("LogGroup", "inference");
        var (updated, fields) = await harness.UpdateAsync("LogGroup", "inference");

        Assert.False(observed.Tags.ContainsKey("service"));
        Assert.Contains(fields, f => f.Path == Planner.TagsPath);
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task LogGroups_MoreThanOnePageOfDescribeLogGroups_AreAllObserved()
    {
        var documents = string.Join("\n---\n", Enumerable.Range(0, 55).Select(i => Documents.Replace("name: inference", $"name: group-{i:00}", StringComparison.Ordinal)));
        using var harness = new DriverHarness(emulator, documents);
        var keys = Enumerable.Range(0, 55).Select(i => ("LogGroup", $"group-{i:00}")).ToArray();
        await harness.CreateAllAsync(keys);

        var observed = await harness.ObserveAllAsync("LogGroup");

        Assert.Equal(55, observed.Count);
        Assert.All(observed, harness.AssertInSync);
    }
}
