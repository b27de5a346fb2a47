using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class AutoScalingGroupDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.32.0.0/16
        ---
        kind: Subnet
        metadata:
          name: app-a
        spec:
          vpc: main
          cidrBlock: 10.32.1.0/24
          availabilityZone: us-east-1a
        ---
        kind: Subnet
        metadata:
          name: app-b
        spec:
          vpc: main
          cidrBlock: 10.32.2.0/24
          availabilityZone: us-east-1b
        ---
        kind: LaunchTemplate
        metadata:
          name: app
        spec:
          imageParameter: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
          instanceType: t3.small
        ---
        kind: AutoScalingGroup
        metadata:
          name: app
          tags:
            tier: app
        spec:
          launchTemplate: app
          minSize: 1
          maxSize: 2
          desiredCapacity: 1
          subnets: [app-a, app-b]
        """;

    // The group behind blue and green target groups, as the platform runs it.
    private const string TargetGroups = """
        ---
        kind: TargetGroup
        metadata:
          name: blue
        spec:
          vpc: main
          port: 8080
        ---
        kind: TargetGroup
        metadata:
          name: green
        spec:
          vpc: main
          port: 8080
        """;

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task AutoScalingGroup_Created_ObserveMatchesWithSubnetsAndTheTemplatesDefaultVersion()
    {
        using var harness = await CreatedAsync();

        var observed = await harness.ObserveAsync("AutoScalingGroup", "app");

        harness.AssertInSync(observed);
        var live = (AutoScalingGroupSpec)observed.Live!;
        Assert.Equal(["app-a", "app-b"], live.Subnets.Order(StringComparer.Ordinal));
        Assert.Equal(("ELB", 300), (live.HealthCheckType, live.HealthCheckGracePeriod));
        Assert.Equal($"{harness.StackName}-app", observed.Outputs["autoScalingGroupName"]);
    }

    [Fact]
    public async Task AutoScalingGroup_CapacityChangedOutOfBand_ObserveShowsTheDrift()
    {
        using var harness = await CreatedAsync();

        await _aws.RunAsync("autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", $"{harness.StackName}-app", "--desired-capacity", "2");
        var observed = await harness.ObserveAsync("AutoScalingGroup", "app");

        Assert.Equal(["desiredCapacity"], harness.Changes(observed).Select(c => c.Path));
    }

    [Fact]
    public async Task AutoScalingGroup_SizesChangedInDocument_UpdateAppliesThem()
    {
        using var harness = await CreatedAsync();

        harness.Load(Documents.Replace("maxSize: 2", "maxSize: 4", StringComparison.Ordinal).Replace("desiredCapacity: 1", "desiredCapacity: 2", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("AutoScalingGroup", "app");

        Assert.Equal(["desiredCapacity", "maxSize"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("AutoScalingGroup", "app"));
    }

    [Fact]
    public async Task AutoScalingGroup_TemplateChanged_GroupMovesToTheNewVersionAndAnInstanceRefreshIsRequested()
    {
        using var harness = await CreatedAsync();

        harness.Load(Documents.Replace("instanceType: t3.small", "instanceType: t3.medium", StringComparison.Ordinal));
        await harness.UpdateAsync("LaunchTemplate", "app");
        var group = await harness.ObserveAsync("AutoScalingGroup", "app");

        harness.AssertInSync(group);
        var described = await _aws.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", $"{harness.StackName}-app");
        Assert.Equal("2", described!["AutoScalingGroups"]![0]!["LaunchTemplate"]!["Version"]!.GetValue<string>());

        // moto 5 does not implement instance refreshes (it answers 500, which the client retries, and
        // describe-instance-refreshes fails alike), so the request log is the witness that one was asked for.
        Assert.True(harness.RequestLog.CountFor("autoscaling", "StartInstanceRefresh") >= 1, "an instance refresh should have been requested");
    }

    [Fact]
    public async Task AutoScalingGroup_TemplateVersionMadeDefaultOutOfBand_GroupIsBehindAndTheUpdateMovesIt()
    {
        using var harness = await CreatedAsync();
        var templateId = (await harness.ObserveAsync("LaunchTemplate", "app")).Identity["id"];
        await _aws.RunAsync("ec2", "create-launch-template-version", "--launch-template-id", templateId, "--source-version", "1", "--launch-template-data", """{"InstanceType":"t3.small"}""");
        await _aws.RunAsync("ec2", "modify-launch-template", "--launch-template-id", templateId, "--default-version", "2");

        var behind = await harness.ObserveAsync("AutoScalingGroup", "app");
        var (updated, fields) = await harness.UpdateAsync("AutoScalingGroup", "app");

        Assert.Equal("app at version 1 (its default is 2)", ((AutoScalingGroupSpec)behind.Live!).LaunchTemplate);
        Assert.Equal(["launchTemplate"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var described = await _aws.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", $"{harness.StackName}-app");
        Assert.Equal("2", described!["AutoScalingGroups"]![0]!["LaunchTemplate"]!["Version"]!.GetValue<string>());
        Assert.True(harness.RequestLog.CountFor("autoscaling", "StartInstanceRefresh") >= 1, "an instance refresh should have been requested");
    }

    [Fact]
    public async Task AutoScalingGroup_TagChangedInDocument_UpdateSetsIt()
    {
        using var harness = await CreatedAsync();

        harness.Load(Documents.Replace("tier: app", "tier: application", StringComparison.Ordinal));
        var (updated, _) = await harness.UpdateAsync("AutoScalingGroup", "app");

        harness.AssertInSync(updated);
        Assert.Equal("application", updated.Tags["tier"]);
    }

    [Fact]
    public async Task AutoScalingGroup_NameChanged_PlansAReplaceNamingTheField()
    {
        using var harness = await CreatedAsync();
        var observed = await harness.ObserveAsync("AutoScalingGroup", "app");

        harness.Load(Documents.Replace("  launchTemplate: app", "  groupName: renamed-app\n  launchTemplate: app", StringComparison.Ordinal));
        var change = harness.Plan(observed).Changes.Single(c => c.Key == observed.Key);

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["groupName"], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public async Task AutoScalingGroup_Deleted_IsGoneAndDeletingAgainSucceeds()
    {
        using var harness = await CreatedAsync();
        var created = await harness.ObserveAsync("AutoScalingGroup", "app");

        await harness.DeleteAsync("AutoScalingGroup", "app", created.Identity);
        var observed = await harness.ObserveAsync("AutoScalingGroup", "app", recorded: created.Identity);
        await harness.DeleteAsync("AutoScalingGroup", "app", created.Identity);

        Assert.False(observed.Exists);
        var described = await _aws.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", $"{harness.StackName}-app");
        Assert.Empty(described!["AutoScalingGroups"]!.AsArray());
    }

    [Fact]
    public async Task AutoScalingGroup_WithTargetGroups_RegistersWithBothAndObservesThemByName()
    {
        using var harness = await CreatedWithTargetGroupsAsync("targetGroups: [blue, green]");

        var observed = await harness.ObserveAsync("AutoScalingGroup", "app");

        harness.AssertInSync(observed);
        Assert.Equal(["blue", "green"], ((AutoScalingGroupSpec)observed.Live!).TargetGroups.Order(StringComparer.Ordinal));
        var group = (await _aws.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", $"{harness.StackName}-app"))!["AutoScalingGroups"]![0]!;
        Assert.Equal(2, group["TargetGroupARNs"]!.AsArray().Count);
    }

    [Fact]
    public async Task AutoScalingGroup_TargetGroupDetachedOutOfBand_IsDriftAndTheUpdateAttachesItAgain()
    {
        using var harness = await CreatedWithTargetGroupsAsync("targetGroups: [blue, green]");
        var green = harness.Context.Identities.IdOf("TargetGroup", "green");

        await _aws.RunAsync("autoscaling", "detach-load-balancer-target-groups", "--auto-scaling-group-name", $"{harness.StackName}-app", "--target-group-arns", green);
        var drifted = await harness.ObserveAsync("AutoScalingGroup", "app");
        var (updated, fields) = await harness.UpdateAsync("AutoScalingGroup", "app");

        Assert.Equal(["targetGroups"], harness.Changes(drifted).Select(c => c.Path));
        Assert.Equal(["targetGroups"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var group = (await _aws.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", $"{harness.StackName}-app"))!["AutoScalingGroups"]![0]!;
        Assert.Contains(green, group["TargetGroupARNs"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task AutoScalingGroup_TargetGroupDroppedFromDocument_UpdateDetachesOnlyIt()
    {
        using var harness = await CreatedWithTargetGroupsAsync("targetGroups: [blue, green]");
        var blue = harness.Context.Identities.IdOf("TargetGroup", "blue");

        harness.Load(WithTargetGroups("targetGroups: [blue]"));
        var (updated, fields) = await harness.UpdateAsync("AutoScalingGroup", "app");

        Assert.Equal(["targetGroups"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var group = (await _aws.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", $"{harness.StackName}-app"))!["AutoScalingGroups"]![0]!;
        Assert.Equal([blue], group["TargetGroupARNs"]!.AsArray().Select(a => (string?)a));
    }

    private static string WithTargetGroups(string field) =>
        Documents.Replace("  subnets: [app-a, app-b]", $"  subnets: [app-a, app-b]\n  {field}", StringComparison.Ordinal) + "\n" + TargetGroups;

    private async Task<DriverHarness> CreatedWithTargetGroupsAsync(string field)
    {
        var harness = new DriverHarness(emulator, WithTargetGroups(field));
        await harness.CreateAllAsync(("Vpc", "main"), ("Subnet", "app-a"), ("Subnet", "app-b"), ("TargetGroup", "blue"), ("TargetGroup", "green"), ("LaunchTemplate", "app"), ("AutoScalingGroup", "app"));
        return harness;
    }

    private async Task<DriverHarness> CreatedAsync()
    {
        var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"), ("Subnet", "app-a"), ("Subnet", "app-b"), ("LaunchTemplate", "app"), ("AutoScalingGroup", "app"));
        return harness;
    }
}
