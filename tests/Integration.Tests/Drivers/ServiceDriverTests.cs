using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class ServiceDriverTests(AwsEmulatorFixture emulator)
{
    private static readonly string Documents = ContainerDocuments.All(
        ContainerDocuments.Network, ContainerDocuments.Roles, ContainerDocuments.Repository, ContainerDocuments.Cluster, ContainerDocuments.TaskDefinition, ContainerDocuments.Service);

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task Service_Created_RunsTheLatestRevisionPrivatelyWithRollbackAndObserveMatches()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.ServiceNeeds);

        var created = await harness.CreateAsync("Service", "api");
        var observed = await harness.ObserveAsync("Service", "api");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var service = await DescribeAsync(harness);
        Assert.Equal(2, (int)service["desiredCount"]!);
        Assert.Equal("FARGATE", (string?)service["launchType"]);
        Assert.EndsWith($"task-definition/{harness.StackName}-api:1", (string?)service["taskDefinition"], StringComparison.Ordinal);
        Assert.Equal("DISABLED", (string?)service["networkConfiguration"]!["awsvpcConfiguration"]!["assignPublicIp"]);
        Assert.True((bool)service["deploymentConfiguration"]!["deploymentCircuitBreaker"]!["rollback"]!);
        Assert.Equal(50, (int)service["deploymentConfiguration"]!["minimumHealthyPercent"]!);
    }

    [Fact]
    public async Task Plan_DesiredCountChangedOutOfBand_ShowsTheFieldAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.ServiceNeeds);
        await harness.CreateAsync("Service", "api");
        await _aws.RunAsync("ecs", "update-service", "--cluster", $"{harness.StackName}-apps", "--service", $"{harness.StackName}-api", "--desired-count", "5");

        var change = harness.Plan(await harness.ObserveAsync("Service", "api")).Changes.Single(c => c.Key.Kind == "Service");
        var (updated, _) = await harness.UpdateAsync("Service", "api");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(["desiredCount"], change.Fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Equal(2, (int)(await DescribeAsync(harness))["desiredCount"]!);
    }

    [Fact]
    public async Task Service_TaskDefinitionChanged_FollowsTheNewRevisionInTheSameApply()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.ServiceNeeds);
        await harness.CreateAsync("Service", "api");

        harness.Load(Documents.Replace("imageTag: \"1.0.0\"", "imageTag: \"1.1.0\"", StringComparison.Ordinal));
        await harness.UpdateAsync("TaskDefinition", "api");
        var observed = await harness.ObserveAsync("Service", "api");

        harness.AssertInSync(observed);
        Assert.EndsWith($"task-definition/{harness.StackName}-api:2", (string?)(await DescribeAsync(harness))["taskDefinition"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ClusterChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.ServiceNeeds);
        var created = await harness.CreateAsync("Service", "api");

        var other = ContainerDocuments.Cluster.Replace("name: apps", "name: other", StringComparison.Ordinal);
        harness.Load(ContainerDocuments.All(Documents.Replace("cluster: apps", "cluster: other", StringComparison.Ordinal), other));
        var change = harness.Plan(await harness.ObserveAsync("Service", "api", recorded: created.Identity)).Changes.Single(c => c.Key.Kind == "Service");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("cluster", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task Service_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.ServiceNeeds);
        var created = await harness.CreateAsync("Service", "api");

        await harness.DeleteAsync("Service", "api", created.Identity);
        var observed = await harness.ObserveAsync("Service", "api", recorded: created.Identity);
        await harness.DeleteAsync("Service", "api", created.Identity);

        Assert.False(observed.Exists);
        Assert.NotEqual("ACTIVE", (string?)(await DescribeAsync(harness))["status"]);
    }

    private async Task<JsonNode> DescribeAsync(DriverHarness harness) =>
        (await _aws.RunAsync("ecs", "describe-services", "--cluster", $"{harness.StackName}-apps", "--services", $"{harness.StackName}-api"))!["services"]![0]!;
}
