using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class LaunchTemplateDriverTests(AwsEmulatorFixture emulator)
{
    private const string AmiParameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    private const string UserData = "#!/bin/bash\necho starting the inference service\n";

    private const string Documents = $"""
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.31.0.0/16
        ---
        kind: SecurityGroup
        metadata:
          name: app
        spec:
          vpc: main
          description: app tier
        ---
        kind: Role
        metadata:
          name: app
        spec:
          assumeRolePolicy:
            statements:
              - principals:
                  service: [ec2.amazonaws.com]
                actions: [sts:AssumeRole]
        ---
        kind: InstanceProfile
        metadata:
          name: app
        spec:
          role: app
        ---
        kind: LaunchTemplate
        metadata:
          name: app
          tags:
            tier: app
        spec:
          imageParameter: {AmiParameter}
          instanceType: t3.small
          instanceProfile: app
          securityGroups: [app]
          userDataFile: app-user-data.sh
          rootVolume:
            sizeGb: 20
        """;

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task LaunchTemplate_Created_ObserveMatchesWithTheParameterResolvedAndTheFileAsUserData()
    {
        using var harness = await CreatedAsync();

        var observed = await harness.ObserveAsync("LaunchTemplate", "app");

        harness.AssertInSync(observed);
        var live = (LaunchTemplateSpec)observed.Live!;
        var ami = (await _aws.RunAsync("ssm", "get-parameter", "--name", AmiParameter))!["Parameter"]!["Value"]!.GetValue<string>();
        Assert.Equal((ami, AmiParameter, UserData, true), (live.ImageId, live.ImageParameter, live.UserDataFile, live.RequireImdsV2));
        Assert.Equal(new RootVolumeSpec { SizeGb = 20 }, live.RootVolume);
        Assert.Equal(["app"], live.SecurityGroups);
        Assert.Equal("app", live.InstanceProfile);
        var template = (await _aws.RunAsync("ec2", "describe-launch-template-versions", "--launch-template-name", $"{harness.StackName}-app", "--versions", "$Default"))!["LaunchTemplateVersions"]![0]!;
        var profile = template["LaunchTemplateData"]!["IamInstanceProfile"]!;
        Assert.Equal($"{harness.StackName}-app", (string?)profile["Name"] ?? ((string)profile["Arn"]!).Split('/')[^1]);
        Assert.Equal(("1", "1", $"{harness.StackName}-app"), (observed.Outputs["latestVersion"], observed.Outputs["defaultVersion"], observed.Outputs["launchTemplateName"]));
    }

    [Fact]
    public async Task LaunchTemplate_NewDefaultVersionMadeOutOfBand_ObserveShowsTheDrift()
    {
        using var harness = await CreatedAsync();
        var id = (await harness.ObserveAsync("LaunchTemplate", "app")).Identity["id"];

        await _aws.RunAsync("ec2", "create-launch-template-version", "--launch-template-id", id, "--source-version", "1", "--launch-template-data", """{"InstanceType":"t3.large"}""");
        await _aws.RunAsync("ec2", "modify-launch-template", "--launch-template-id", id, "--default-version", "2");
        var observed = await harness.ObserveAsync("LaunchTemplate", "app");

        Assert.Equal("t3.large", ((LaunchTemplateSpec)observed.Live!).InstanceType);
        Assert.Contains(harness.Changes(observed), c => c.Path == "instanceType");
    }

    [Fact]
    public async Task LaunchTemplate_UserDataFileEdited_UpdateMakesANewDefaultVersion()
    {
        using var harness = await CreatedAsync();

        harness.WriteFile("app-user-data.sh", UserData + "echo version two\n");
        harness.Load(Documents.Replace("instanceType: t3.small", "instanceType: t3.medium", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("LaunchTemplate", "app");

        Assert.Equal(["instanceType", "userDataFile"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        harness.AssertInSync(updated);
        Assert.Equal(("2", "2"), (updated.Outputs["latestVersion"], updated.Outputs["defaultVersion"]));
        var versions = await _aws.RunAsync("ec2", "describe-launch-template-versions", "--launch-template-id", updated.Identity["id"]);
        Assert.Equal(2, versions!["LaunchTemplateVersions"]!.AsArray().Count);
    }

    [Fact]
    public async Task LaunchTemplate_TagChangedInDocument_UpdateSetsItAndObserveSeesIt()
    {
        using var harness = await CreatedAsync();

        harness.Load(Documents.Replace("tier: app", "tier: application", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("LaunchTemplate", "app");

        Assert.Equal([Planner.TagsPath], fields.Select(f => f.Path).Distinct());
        harness.AssertInSync(updated);
        Assert.Equal("1", updated.Outputs["latestVersion"]);
    }

    [Fact]
    public async Task LaunchTemplate_NameChanged_PlansAReplaceNamingTheField()
    {
        using var harness = await CreatedAsync();
        var observed = await harness.ObserveAsync("LaunchTemplate", "app");

        harness.Load(Documents.Replace("  instanceType: t3.small", "  templateName: renamed-app\n  instanceType: t3.small", StringComparison.Ordinal));
        var change = harness.Plan(observed).Changes.Single(c => c.Key == observed.Key);

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["templateName"], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public async Task LaunchTemplate_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = await CreatedAsync();
        var created = await harness.ObserveAsync("LaunchTemplate", "app");

        await harness.DeleteAsync("LaunchTemplate", "app", created.Identity);
        var observed = await harness.ObserveAsync("LaunchTemplate", "app", recorded: created.Identity);
        await harness.DeleteAsync("LaunchTemplate", "app", created.Identity);

        Assert.False(observed.Exists);
    }

    private async Task<DriverHarness> CreatedAsync()
    {
        var harness = new DriverHarness(emulator, Documents, ("app-user-data.sh", UserData));
        await harness.CreateAllAsync(("Vpc", "main"), ("SecurityGroup", "app"), ("Role", "app"), ("InstanceProfile", "app"), ("LaunchTemplate", "app"));
        return harness;
    }
}
