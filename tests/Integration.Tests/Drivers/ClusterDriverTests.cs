using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class ClusterDriverTests(AwsEmulatorFixture emulator)
{
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task Cluster_Created_HasInsightsAndFargateProvidersAndObserveMatches()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Cluster);

        var created = await harness.CreateAsync("Cluster", "apps");
        var observed = await harness.ObserveAsync("Cluster", "apps");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var cluster = await DescribeAsync($"{harness.StackName}-apps");
        Assert.Contains(cluster["settings"]!.AsArray(), s => (string?)s!["name"] == "containerInsights" && (string?)s["value"] == "enabled");
        Assert.Equal(["FARGATE", "FARGATE_SPOT"], cluster["capacityProviders"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public async Task Cluster_CreatedTwice_AdoptsTheExistingCluster()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Cluster);

        var first = await harness.CreateAsync("Cluster", "apps");
        var second = await harness.CreateAsync("Cluster", "apps");

        harness.AssertInSync(second);
        Assert.Equal(first.Identity["arn"], second.Identity["arn"]);
    }

    [Fact]
    public async Task Plan_InsightsSwitchedOffOutOfBand_ShowsTheFieldAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Cluster);
        await harness.CreateAsync("Cluster", "apps");
        await _aws.RunAsync("ecs", "update-cluster", "--cluster", $"{harness.StackName}-apps", "--settings", "name=containerInsights,value=disabled");

        var change = harness.Plan(await harness.ObserveAsync("Cluster", "apps")).Changes.Single(c => c.Key.Kind == "Cluster");
        var (updated, _) = await harness.UpdateAsync("Cluster", "apps");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(["containerInsights"], change.Fields.Select(f => f.Path));
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task Cluster_ProvidersChangedInDocument_UpdatePutsThem()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Cluster);
        await harness.CreateAsync("Cluster", "apps");

        harness.Load(ContainerDocuments.Cluster.Replace("[FARGATE, FARGATE_SPOT]", "[FARGATE]", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Cluster", "apps");

        Assert.Equal(["capacityProviders"], fields.Select(f => f.Path).Distinct());
        harness.AssertInSync(updated);
        Assert.Equal(["FARGATE"], (await DescribeAsync($"{harness.StackName}-apps"))["capacityProviders"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public async Task Plan_NameChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Cluster);
        var created = await harness.CreateAsync("Cluster", "apps");

        harness.Load(ContainerDocuments.Cluster.Replace("spec:\n", "spec:\n  clusterName: renamed\n", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("Cluster", "apps", recorded: created.Identity)).Changes.Single(c => c.Key.Kind == "Cluster");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("clusterName", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task Cluster_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Cluster);
        var created = await harness.CreateAsync("Cluster", "apps");

        await harness.DeleteAsync("Cluster", "apps", created.Identity);
        var observed = await harness.ObserveAsync("Cluster", "apps", recorded: created.Identity);
        await harness.DeleteAsync("Cluster", "apps", created.Identity);

        Assert.False(observed.Exists);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> DescribeAsync(string name) =>
        (await _aws.RunAsync("ecs", "describe-clusters", "--clusters", name, "--include", "SETTINGS"))!["clusters"]![0]!;
}
