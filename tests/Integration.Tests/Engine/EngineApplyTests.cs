using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Engine;

/// <summary>
/// The engine end to end through `reconciler apply` against the emulator, checked with the aws
/// CLI: tags dropped from documents are removed from AWS (others' tags stay) for every service's
/// tag adapter, and a create-before-destroy replacement leaves exactly the new resource.
/// </summary>
public sealed class EngineApplyTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private const string Stack = "engine-dev";
    private readonly CliHarness _cli = new(emulator.Environment);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Apply_TagRemovedFromDocuments_RemovedFromAwsWhileOutOfBandTagsStay()
    {
        using var folder = new EngineStackFolder(Stack, emulator.AccountId, Tagged("{ team: ml, tier: gold }"));
        await ApplyAsync(folder);
        var vpcId = await VpcIdAsync("main");
        await _aws.RunAsync("ec2", "create-tags", "--resources", vpcId, "--tags", "Key=added-by-hand,Value=yes");
        await _aws.RunAsync("s3api", "put-bucket-tagging", "--bucket", $"{Stack}-models", "--tagging",
            $$"""{"TagSet":[{{string.Join(",", (await BucketTagsAsync()).Select(t => $$"""{"Key":"{{t.Key}}","Value":"{{t.Value}}"}"""))}},{"Key":"added-by-hand","Value":"yes"}]}""");
        var tableArn = (string)(await _aws.RunAsync("dynamodb", "describe-table", "--table-name", $"{Stack}-registry"))!["Table"]!["TableArn"]!;
        await _aws.RunAsync("dynamodb", "tag-resource", "--resource-arn", tableArn, "--tags", "Key=added-by-hand,Value=yes");
        await _aws.RunAsync("logs", "tag-log-group", "--log-group-name", $"/{Stack}/app", "--tags", "added-by-hand=yes");
        folder.Write(Tagged("{ tier: gold }"));

        var plan = await _cli.RunAsync("plan", folder.Path);
        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("Plan: 0 to add, 4 to change, 0 to replace, 0 to destroy", plan.Output, StringComparison.Ordinal);
        await ApplyAsync(folder);

        foreach (var (where, tags) in new[]
        {
            ("vpc", await VpcTagsAsync(vpcId)),
            ("bucket", await BucketTagsAsync()),
            ("table", await TableTagsAsync(tableArn)),
            ("log group", await LogGroupTagsAsync()),
        })
        {
            Assert.False(tags.ContainsKey("team"), $"{where} still has the dropped tag: {string.Join(", ", tags)}");
            Assert.True(tags.GetValueOrDefault("tier") == "gold", $"{where} lost the desired tag: {string.Join(", ", tags)}");
            Assert.True(tags.GetValueOrDefault("added-by-hand") == "yes", $"{where} lost the out-of-band tag: {string.Join(", ", tags)}");
            Assert.True(tags.ContainsKey("reconciler:resource"), $"{where} lost the controller's own tag");
        }

        var after = await _cli.RunAsync("plan", folder.Path);
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    [Fact]
    public async Task Apply_RouteTableMovedToAnotherVpc_CreatesTheNewOneAndLeavesOnlyIt()
    {
        using var folder = new EngineStackFolder(Stack, emulator.AccountId, Network(routeTableVpc: "main"));
        await ApplyAsync(folder);
        var old = await RouteTablesAsync();
        var oldId = (string)Assert.Single(old)!["RouteTableId"]!;
        folder.Write(Network(routeTableVpc: "other"));

        var plan = await _cli.RunAsync("plan", folder.Path);
        Assert.Contains("-/+ RouteTable/public (replace: vpc forces replacement)", plan.Output, StringComparison.Ordinal);
        await ApplyAsync(folder);

        var now = Assert.Single(await RouteTablesAsync())!;
        Assert.NotEqual(oldId, (string)now["RouteTableId"]!);
        Assert.Equal(await VpcIdAsync("other"), (string)now["VpcId"]!);
        var byOldId = (await _aws.RunAsync("ec2", "describe-route-tables", "--filters", $"Name=route-table-id,Values={oldId}"))!["RouteTables"]!.AsArray();
        Assert.Empty(byOldId);
        var after = await _cli.RunAsync("plan", folder.Path);
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    private async Task ApplyAsync(EngineStackFolder folder)
    {
        var applied = await _cli.RunAsync("apply", folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());
    }

    private async Task<string> VpcIdAsync(string name) =>
        (string)(await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:resource,Values=Vpc/{name}", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]![0]!["VpcId"]!;

    private async Task<JsonArray> RouteTablesAsync() =>
        (await _aws.RunAsync("ec2", "describe-route-tables", "--filters", "Name=tag:reconciler:resource,Values=RouteTable/public", $"Name=tag:reconciler:stack,Values={Stack}"))!["RouteTables"]!.AsArray();

    private async Task<Dictionary<string, string>> VpcTagsAsync(string vpcId) =>
        Map((await _aws.RunAsync("ec2", "describe-tags", "--filters", $"Name=resource-id,Values={vpcId}"))!["Tags"]!, "Key", "Value");

    private async Task<Dictionary<string, string>> BucketTagsAsync() =>
        Map((await _aws.RunAsync("s3api", "get-bucket-tagging", "--bucket", $"{Stack}-models"))!["TagSet"]!, "Key", "Value");

    private async Task<Dictionary<string, string>> TableTagsAsync(string arn) =>
        Map((await _aws.RunAsync("dynamodb", "list-tags-of-resource", "--resource-arn", arn))!["Tags"]!, "Key", "Value");

    private async Task<Dictionary<string, string>> LogGroupTagsAsync() =>
        (await _aws.RunAsync("logs", "list-tags-log-group", "--log-group-name", $"/{Stack}/app"))!["tags"]!.AsObject()
            .ToDictionary(t => t.Key, t => (string)t.Value!, StringComparer.Ordinal);

    private static Dictionary<string, string> Map(JsonNode list, string key, string value) =>
        list.AsArray().ToDictionary(t => (string)t![key]!, t => (string)t![value]!, StringComparer.Ordinal);

    private static string Tagged(string tags) => $$"""
        kind: Vpc
        metadata: { name: main, tags: {{tags}} }
        spec: { cidrBlock: 10.30.0.0/16 }
        ---
        kind: Bucket
        metadata: { name: models, tags: {{tags}} }
        spec: {}
        ---
        kind: Table
        metadata: { name: registry, tags: {{tags}} }
        spec:
          partitionKey: { name: id, type: S }
          billingMode: PAY_PER_REQUEST
        ---
        kind: LogGroup
        metadata: { name: app, tags: {{tags}} }
        spec: { retentionDays: 14 }
        """;

    private static string Network(string routeTableVpc) => $$"""
        kind: Vpc
        metadata: { name: main }
        spec: { cidrBlock: 10.40.0.0/16 }
        ---
        kind: Vpc
        metadata: { name: other }
        spec: { cidrBlock: 10.41.0.0/16 }
        ---
        kind: RouteTable
        metadata: { name: public }
        spec: { vpc: {{routeTableVpc}} }
        """;
}
