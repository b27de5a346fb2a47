using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class InstanceProfileDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
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
        kind: Role
        metadata:
          name: batch
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
        """;

    [Fact]
    public async Task InstanceProfile_Created_CarriesTheRoleAndObserveMatchesDesired()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        await harness.CreateAsync("Role", "app");

        var created = await harness.CreateAsync("InstanceProfile", "app");
        var observed = await harness.ObserveAsync("InstanceProfile", "app");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var profile = (await aws.RunAsync("iam", "get-instance-profile", "--instance-profile-name", $"{harness.StackName}-app"))!["InstanceProfile"]!;
        Assert.Equal([$"{harness.StackName}-app"], profile["Roles"]!.AsArray().Select(r => (string)r!["RoleName"]!));
        Assert.Equal(profile["Arn"]!.GetValue<string>(), observed.Outputs["instanceProfileArn"]);
    }

    [Fact]
    public async Task InstanceProfile_RoleRemovedOutOfBand_IsDriftAndUpdateAddsItAgain()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        await harness.CreateAsync("Role", "app");
        var created = await harness.CreateAsync("InstanceProfile", "app");

        await aws.RunAsync("iam", "remove-role-from-instance-profile", "--instance-profile-name", created.Identity["id"], "--role-name", $"{harness.StackName}-app");
        var observed = await harness.ObserveAsync("InstanceProfile", "app");
        var (updated, fields) = await harness.UpdateAsync("InstanceProfile", "app");

        Assert.Null(((InstanceProfileSpec)observed.Live!).Role);
        Assert.Equal(["role"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task InstanceProfile_RoleChangedInDocument_UpdateSwapsTheRoleInPlace()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        await harness.CreateAllAsync(("Role", "app"), ("Role", "batch"));
        var created = await harness.CreateAsync("InstanceProfile", "app");

        harness.Load(Documents.Replace("  role: app", "  role: batch", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("InstanceProfile", "app");

        Assert.Equal(["role"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Equal(created.Identity["arn"], updated.Identity["arn"]);
        var profile = (await aws.RunAsync("iam", "get-instance-profile", "--instance-profile-name", created.Identity["id"]))!["InstanceProfile"]!;
        Assert.Equal([$"{harness.StackName}-batch"], profile["Roles"]!.AsArray().Select(r => (string)r!["RoleName"]!));
    }

    [Fact]
    public async Task InstanceProfile_PathChangedInDocument_PlansAReplaceNamingPath()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAsync("Role", "app");
        await harness.CreateAsync("InstanceProfile", "app");

        harness.Load(Documents.Replace("  role: app", "  role: app\n  path: /app/", StringComparison.Ordinal));
        var plan = harness.Plan(await harness.ObserveAsync("InstanceProfile", "app"));

        var change = plan.Changes.Single(c => c.Key.Kind == "InstanceProfile");
        Assert.Equal(ChangeAction.Replace, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(("path", true), (field.Path, field.ForcesReplacement));
    }

    [Fact]
    public async Task InstanceProfile_DeletedWithItsRole_RemovesTheRoleFirstAndLeavesTheRole()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        await harness.CreateAsync("Role", "app");
        var created = await harness.CreateAsync("InstanceProfile", "app");

        await harness.DeleteAsync("InstanceProfile", "app", created.Identity);
        var observed = await harness.ObserveAsync("InstanceProfile", "app", recorded: created.Identity);
        await harness.DeleteAsync("InstanceProfile", "app", created.Identity);

        Assert.False(observed.Exists);
        var profiles = (await aws.RunAsync("iam", "list-instance-profiles"))!["InstanceProfiles"]!.AsArray();
        Assert.DoesNotContain(profiles, p => (string)p!["InstanceProfileName"]! == created.Identity["id"]);
        await aws.RunAsync("iam", "get-role", "--role-name", $"{harness.StackName}-app");
    }
}
