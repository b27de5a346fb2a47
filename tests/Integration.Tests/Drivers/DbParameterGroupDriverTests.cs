using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class DbParameterGroupDriverTests(AwsEmulatorFixture emulator)
{
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task DbParameterGroup_Created_HasTheDeclaredParametersAndIsInSync()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.ParameterGroup);

        var created = await harness.CreateAsync("DbParameterGroup", "postgres16");
        var observed = await harness.ObserveAsync("DbParameterGroup", "postgres16");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var parameters = await ParametersAsync(created.Identity["id"]);
        Assert.Equal("1", parameters["rds.force_ssl"]);
        Assert.Equal("500", parameters["log_min_duration_statement"]);
        var group = (await _aws.RunAsync("rds", "describe-db-parameter-groups", "--db-parameter-group-name", created.Identity["id"]))!["DBParameterGroups"]![0]!;
        Assert.Equal("postgres16", (string?)group["DBParameterGroupFamily"]);
    }

    [Fact]
    public async Task DbParameterGroup_CreatedTwice_AdoptsTheExistingGroup()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.ParameterGroup);

        await harness.CreateAsync("DbParameterGroup", "postgres16");
        var second = await harness.CreateAsync("DbParameterGroup", "postgres16");

        harness.AssertInSync(second);
    }

    [Fact]
    public async Task Plan_ParameterChangedOutOfBand_ShowsThatParameterAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.ParameterGroup);
        var created = await harness.CreateAsync("DbParameterGroup", "postgres16");
        await _aws.RunAsync(
            "rds", "modify-db-parameter-group", "--db-parameter-group-name", created.Identity["id"],
            "--parameters", "ParameterName=log_min_duration_statement,ParameterValue=100,ApplyMethod=immediate");

        var change = Assert.Single(harness.Plan(await harness.ObserveAsync("DbParameterGroup", "postgres16")).Changes);
        var (updated, _) = await harness.UpdateAsync("DbParameterGroup", "postgres16");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal([("parameters.log_min_duration_statement", "\"100\"", "\"500\"")], change.Fields.Select(f => (f.Path, f.Before?.ToJsonString(), f.After?.ToJsonString())));
        harness.AssertInSync(updated);
        Assert.Equal("500", (await ParametersAsync(created.Identity["id"]))["log_min_duration_statement"]);
    }

    [Fact]
    public async Task Plan_UndeclaredParameterSetOutOfBand_IsNotDrift()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.ParameterGroup);
        var created = await harness.CreateAsync("DbParameterGroup", "postgres16");
        await _aws.RunAsync(
            "rds", "modify-db-parameter-group", "--db-parameter-group-name", created.Identity["id"],
            "--parameters", "ParameterName=work_mem,ParameterValue=8192,ApplyMethod=immediate");

        harness.AssertInSync(await harness.ObserveAsync("DbParameterGroup", "postgres16"));
    }

    [Fact]
    public async Task DbParameterGroup_ParameterAddedInDocument_UpdateSetsIt()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.ParameterGroup);
        var created = await harness.CreateAsync("DbParameterGroup", "postgres16");

        harness.Load(RdsDocuments.ParameterGroup + "\n    shared_preload_libraries: pg_stat_statements");
        var (updated, fields) = await harness.UpdateAsync("DbParameterGroup", "postgres16");

        Assert.Equal(["parameters.shared_preload_libraries"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Equal("pg_stat_statements", (await ParametersAsync(created.Identity["id"]))["shared_preload_libraries"]);
    }

    [Fact]
    public async Task Plan_FamilyChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.ParameterGroup);
        await harness.CreateAsync("DbParameterGroup", "postgres16");

        harness.Load(RdsDocuments.ParameterGroup.Replace("family: postgres16", "family: postgres17", StringComparison.Ordinal));
        var change = Assert.Single(harness.Plan(await harness.ObserveAsync("DbParameterGroup", "postgres16")).Changes);

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("family", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task DbParameterGroup_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.ParameterGroup);
        var created = await harness.CreateAsync("DbParameterGroup", "postgres16");

        await harness.DeleteAsync("DbParameterGroup", "postgres16", created.Identity);
        var observed = await harness.ObserveAsync("DbParameterGroup", "postgres16", recorded: created.Identity);
        await harness.DeleteAsync("DbParameterGroup", "postgres16", created.Identity);

        Assert.False(observed.Exists);
    }

    private async Task<Dictionary<string, string>> ParametersAsync(string name) =>
        (await _aws.RunAsync("rds", "describe-db-parameters", "--db-parameter-group-name", name))!["Parameters"]!.AsArray()
            .ToDictionary(p => (string)p!["ParameterName"]!, p => (string)p!["ParameterValue"]!);
}
