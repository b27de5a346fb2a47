using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class TaskDefinitionDriverTests(AwsEmulatorFixture emulator)
{
    private static readonly string Documents = ContainerDocuments.All(ContainerDocuments.Roles, ContainerDocuments.Repository, ContainerDocuments.TaskDefinition);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task TaskDefinition_Created_RegistersAFargateRevisionAndObserveMatches()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.TaskDefinitionNeeds);

        var created = await harness.CreateAsync("TaskDefinition", "api");
        var observed = await harness.ObserveAsync("TaskDefinition", "api");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var task = await DescribeAsync($"{harness.StackName}-api");
        Assert.Equal(1, (int)task["revision"]!);
        Assert.Equal("256", (string?)task["cpu"]);
        Assert.Equal("512", (string?)task["memory"]);
        Assert.Equal("awsvpc", (string?)task["networkMode"]);
        Assert.Equal($"arn:aws:iam::{emulator.AccountId}:role/{harness.StackName}-execution", (string?)task["executionRoleArn"]);
        var container = task["containerDefinitions"]![0]!;
        Assert.Equal($"{emulator.AccountId}.dkr.ecr.us-east-1.amazonaws.com/{harness.StackName}/api:1.0.0", (string?)container["image"]);
        Assert.Equal("awslogs", (string?)container["logConfiguration"]!["logDriver"]);
        Assert.Equal($"/{harness.StackName}/api", (string?)container["logConfiguration"]!["options"]!["awslogs-group"]);
        Assert.Equal("API_TOKEN", (string?)container["secrets"]![0]!["name"]);
    }

    [Fact]
    public async Task TaskDefinition_MemoryChangedInDocument_RegistersANewRevisionAndKeepsOnlyThePrevious()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.TaskDefinitionNeeds);
        await harness.CreateAsync("TaskDefinition", "api");

        harness.Load(Documents.Replace("memory: 512", "memory: 1024", StringComparison.Ordinal));
        var (second, fields) = await harness.UpdateAsync("TaskDefinition", "api");
        harness.Load(Documents.Replace("memory: 512", "memory: 2048", StringComparison.Ordinal));
        var (third, _) = await harness.UpdateAsync("TaskDefinition", "api");

        Assert.Equal(["memory"], fields.Select(f => f.Path));
        Assert.Equal("2", second.Outputs["revision"]);
        harness.AssertInSync(third);
        Assert.Equal("2048", (string?)(await DescribeAsync($"{harness.StackName}-api"))["memory"]);
        var active = (await _aws.RunAsync("ecs", "list-task-definitions", "--family-prefix", $"{harness.StackName}-api", "--status", "ACTIVE"))!["taskDefinitionArns"]!.AsArray();
        Assert.Equal([$"{harness.StackName}-api:2", $"{harness.StackName}-api:3"], active.Select(a => ((string)a!)[(((string)a!).LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plan_RevisionRegisteredOutOfBand_ShowsTheDriftedFieldsAndUpdateRegistersTheDocumentsRevision()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.TaskDefinitionNeeds);
        await harness.CreateAsync("TaskDefinition", "api");
        var task = await DescribeAsync($"{harness.StackName}-api");

        await _aws.RunAsync(
            "ecs", "register-task-definition", "--family", $"{harness.StackName}-api", "--cpu", "512", "--memory", "1024",
            "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--execution-role-arn", (string)task["executionRoleArn"]!,
            "--task-role-arn", (string)task["taskRoleArn"]!, "--container-definitions", task["containerDefinitions"]!.ToJsonString());
        var change = harness.Plan(await harness.ObserveAsync("TaskDefinition", "api")).Changes.Single(c => c.Key.Kind == "TaskDefinition");
        var (updated, _) = await harness.UpdateAsync("TaskDefinition", "api");

        // The out-of-band revision carries no tags: drift too, restored on the revision the update registers.
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(["cpu", "memory", "tags"], change.Fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        harness.AssertInSync(updated);
        Assert.Equal(3, (int)(await DescribeAsync($"{harness.StackName}-api"))["revision"]!);
    }

    [Fact]
    public async Task Plan_FamilyChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.TaskDefinitionNeeds);
        var created = await harness.CreateAsync("TaskDefinition", "api");

        harness.Load(Documents.Replace("  cpu: 256", "  family: renamed\n  cpu: 256", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("TaskDefinition", "api", recorded: created.Identity)).Changes.Single(c => c.Key.Kind == "TaskDefinition");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("family", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task TaskDefinition_Deleted_DeregistersEveryRevisionAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(ContainerDocuments.TaskDefinitionNeeds);
        var created = await harness.CreateAsync("TaskDefinition", "api");

        await harness.DeleteAsync("TaskDefinition", "api", created.Identity);
        var observed = await harness.ObserveAsync("TaskDefinition", "api", recorded: created.Identity);
        await harness.DeleteAsync("TaskDefinition", "api", created.Identity);

        Assert.False(observed.Exists);
        var active = (await _aws.RunAsync("ecs", "list-task-definitions", "--family-prefix", $"{harness.StackName}-api", "--status", "ACTIVE"))!["taskDefinitionArns"]!.AsArray();
        Assert.Empty(active);
    }

    private async Task<JsonNode> DescribeAsync(string family) =>
        (await _aws.RunAsync("ecs", "describe-task-definition", "--task-definition", family))!["taskDefinition"]!;
}
