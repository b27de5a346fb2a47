using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class TargetGroupDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.30.0.0/16
        ---
        kind: TargetGroup
        metadata:
          name: blue
        spec:
          vpc: main
          port: 8080
          healthCheck:
            path: /health/ready
            intervalSeconds: 15
            healthyThreshold: 3
          deregistrationDelaySeconds: 30
        """;

    [Fact]
    public async Task TargetGroup_Created_ObserveMatchesDesiredWithAGeneratedNameAndOutputs()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));

        var created = await harness.CreateAsync("TargetGroup", "blue");
        var observed = await harness.ObserveAsync("TargetGroup", "blue");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var live = (TargetGroupSpec)observed.Live!;
        Assert.Equal(("main", 8080, "HTTP", "instance", "/health/ready", 30), (live.Vpc, live.Port, live.Protocol, live.TargetType, live.HealthCheck.Path, live.DeregistrationDelaySeconds));
        var name = observed.Outputs["targetGroupName"];
        Assert.InRange(name.Length, 1, 32);
        Assert.StartsWith($"{harness.StackName}-blue-", name, StringComparison.Ordinal);
        Assert.Equal(observed.Identity["id"], observed.Outputs["targetGroupArn"]);
        Assert.Contains(":targetgroup/", observed.Identity["id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetGroup_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));

        var first = await harness.CreateAsync("TargetGroup", "blue");
        var second = await harness.CreateAsync("TargetGroup", "blue");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var groups = await new AwsCli(emulator.Endpoint).RunAsync("elbv2", "describe-target-groups");
        Assert.Single(groups!["TargetGroups"]!.AsArray(), g => g!["TargetGroupName"]!.GetValue<string>().StartsWith($"{harness.StackName}-blue-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TargetGroup_ChangedOutOfBand_PlannerShowsTheDrift()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var arn = (await harness.CreateAsync("TargetGroup", "blue")).Identity["id"];

        var aws = new AwsCli(emulator.Endpoint);
        await aws.RunAsync("elbv2", "modify-target-group", "--target-group-arn", arn, "--health-check-path", "/");
        await aws.RunAsync("elbv2", "modify-target-group-attributes", "--target-group-arn", arn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=120");
        var observed = await harness.ObserveAsync("TargetGroup", "blue");

        Assert.Equal(
            [("deregistrationDelaySeconds", "120", "30"), ("healthCheck.path", "\"/\"", "\"/health/ready\"")],
            harness.Changes(observed).Select(f => (f.Path, f.Before?.ToJsonString(), f.After?.ToJsonString())).Order());
    }

    [Fact]
    public async Task TargetGroup_HealthCheckAndDelayChangedInDocument_UpdateAppliesThemInPlace()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("TargetGroup", "blue");

        harness.Load(Documents
            .Replace("intervalSeconds: 15", "intervalSeconds: 10", StringComparison.Ordinal)
            .Replace("deregistrationDelaySeconds: 30", "deregistrationDelaySeconds: 60", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("TargetGroup", "blue");

        Assert.Equal(["deregistrationDelaySeconds", "healthCheck.intervalSeconds"], fields.Select(f => f.Path).Order());
        Assert.Equal(created.Identity["id"], updated.Identity["id"]);
        harness.AssertInSync(updated);
        var described = await new AwsCli(emulator.Endpoint).RunAsync("elbv2", "describe-target-groups", "--target-group-arns", created.Identity["id"]);
        Assert.Equal(10, described!["TargetGroups"]![0]!["HealthCheckIntervalSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task TargetGroup_PortChanged_PlansAReplaceNamingThePortAndCreatesTheNewOneBeside()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var old = await harness.CreateAsync("TargetGroup", "blue");

        harness.Load(Documents.Replace("port: 8080", "port: 9090", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("TargetGroup", "blue")).Changes.Single(c => c.Key.Kind == "TargetGroup");
        var beside = await HarnessDriver().CreateBesideAsync(harness.Desired("TargetGroup", "blue"), old.Identity, harness.Context, CancellationToken.None);

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["port"], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
        Assert.NotEqual(old.Identity["id"], beside.Identity["id"]);
        Assert.NotEqual(old.Outputs["targetGroupName"], beside.Outputs["targetGroupName"]);
        harness.AssertInSync(beside);
        await harness.DeleteAsync("TargetGroup", "blue", old.Identity);
        harness.AssertInSync(await harness.ObserveAsync("TargetGroup", "blue", recorded: beside.Identity));
    }

    [Fact]
    public async Task TargetGroup_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("TargetGroup", "blue");

        await harness.DeleteAsync("TargetGroup", "blue", created.Identity);
        var observed = await harness.ObserveAsync("TargetGroup", "blue", recorded: created.Identity);
        await harness.DeleteAsync("TargetGroup", "blue", created.Identity);

        Assert.False(observed.Exists);
    }

    [Fact]
    public async Task TargetGroup_ObservedAsAKind_TakesTagsFromTheStackIndexNotPerGroup()
    {
        var documents = Documents + "\n---\n" + string.Join("\n---\n", new[] { "green", "canary" }.Select(n => $"""
            kind: TargetGroup
            metadata:
              name: {n}
            spec:
              vpc: main
              port: 8080
            """));
        using var harness = new DriverHarness(emulator, documents);
        await harness.CreateAllAsync(("Vpc", "main"), ("TargetGroup", "blue"), ("TargetGroup", "green"), ("TargetGroup", "canary"));

        var before = harness.RequestLog.CountsByOperation();
        var observed = await harness.ObserveAllAsync("TargetGroup");
        var requests = harness.RequestLog.CountsByOperation().ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));

        Assert.All(observed, harness.AssertInSync);
        Assert.Equal(1, requests.GetValueOrDefault("elasticloadbalancing:DescribeTargetGroups"));
        Assert.Equal(3, requests.GetValueOrDefault("elasticloadbalancing:DescribeTargetGroupAttributes"));
        Assert.Equal(1, requests.GetValueOrDefault("tagging:GetResources"));
        Assert.Equal(0, requests.GetValueOrDefault("elasticloadbalancing:DescribeTags"));
    }

    private static Controller.Drivers.IResourceDriver HarnessDriver() => DriverHarness.Driver("TargetGroup");
}
