using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class DbSubnetGroupDriverTests(AwsEmulatorFixture emulator)
{
    private static readonly (string Kind, string Name)[] Subnets = [("Vpc", "main"), ("Subnet", "private-a"), ("Subnet", "private-b")];
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task DbSubnetGroup_Created_ObserveMatchesDesiredWithTagsAndOutputs()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.Network);
        await harness.CreateAllAsync(Subnets);

        var created = await harness.CreateAsync("DbSubnetGroup", "main");
        var observed = await harness.ObserveAsync("DbSubnetGroup", "main");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal($"{harness.StackName}-main", observed.Outputs["dbSubnetGroupName"]);
        Assert.Equal(harness.Context.Identities.IdOf("Vpc", "main"), observed.Outputs["vpcId"]);
        var group = await DescribeAsync($"{harness.StackName}-main");
        Assert.Equal(2, group["Subnets"]!.AsArray().Count);
    }

    [Fact]
    public async Task DbSubnetGroup_CreatedTwice_AdoptsTheExistingGroup()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.Network);
        await harness.CreateAllAsync(Subnets);

        await harness.CreateAsync("DbSubnetGroup", "main");
        var second = await harness.CreateAsync("DbSubnetGroup", "main");

        harness.AssertInSync(second);
    }

    [Fact]
    public async Task Plan_TagRemovedOutOfBand_ShowsTheTagAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.Network);
        await harness.CreateAllAsync(Subnets);
        var created = await harness.CreateAsync("DbSubnetGroup", "main");
        await _aws.RunAsync("rds", "remove-tags-from-resource", "--resource-name", created.Identity["arn"], "--tag-keys", "project");

        var change = harness.Plan(await harness.ObserveAsync("DbSubnetGroup", "main")).Changes.Single(c => c.Key.Kind == "DbSubnetGroup");
        var (updated, _) = await harness.UpdateAsync("DbSubnetGroup", "main");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(["tags"], change.Fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var tags = (await _aws.RunAsync("rds", "list-tags-for-resource", "--resource-name", created.Identity["arn"]))!["TagList"]!.AsArray();
        Assert.Contains(tags, t => (string?)t!["Key"] == "project" && (string?)t["Value"] == "driver-tests");
    }

    // No test changes a subnet group in place: moto 5.2's ModifyDBSubnetGroup drops the group
    // (its modify_db_subnet_group pops it and never puts it back), so the update path of
    // DbSubnetGroupDriver (one ModifyDBSubnetGroup with the description and subnets) is unverified.
    [Fact]
    public async Task Plan_NameChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.Network);
        await harness.CreateAllAsync(Subnets);
        var created = await harness.CreateAsync("DbSubnetGroup", "main");

        harness.Load(RdsDocuments.Network.Replace("  description: Private", "  dbSubnetGroupName: renamed-group\n  description: Private", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("DbSubnetGroup", "main", recorded: created.Identity)).Changes.Single(c => c.Key.Kind == "DbSubnetGroup");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("dbSubnetGroupName", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task DbSubnetGroup_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.Network);
        await harness.CreateAllAsync(Subnets);
        var created = await harness.CreateAsync("DbSubnetGroup", "main");

        await harness.DeleteAsync("DbSubnetGroup", "main", created.Identity);
        var observed = await harness.ObserveAsync("DbSubnetGroup", "main", recorded: created.Identity);
        await harness.DeleteAsync("DbSubnetGroup", "main", created.Identity);

        Assert.False(observed.Exists);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> DescribeAsync(string name) =>
        (await _aws.RunAsync("rds", "describe-db-subnet-groups", "--db-subnet-group-name", name))!["DBSubnetGroups"]![0]!;
}
