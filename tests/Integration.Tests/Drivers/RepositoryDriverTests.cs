using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class RepositoryDriverTests(AwsEmulatorFixture emulator)
{
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task Repository_Created_HasItsSettingsAndLifecyclePolicyAndObserveMatches()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Repository);

        var created = await harness.CreateAsync("Repository", "api");
        var observed = await harness.ObserveAsync("Repository", "api");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var repository = (await _aws.RunAsync("ecr", "describe-repositories", "--repository-names", $"{harness.StackName}/api"))!["repositories"]![0]!;
        Assert.Equal("IMMUTABLE", (string?)repository["imageTagMutability"]);
        Assert.True((bool)repository["imageScanningConfiguration"]!["scanOnPush"]!);
        Assert.Equal("AES256", (string?)repository["encryptionConfiguration"]!["encryptionType"]);
        var policy = (await _aws.RunAsync("ecr", "get-lifecycle-policy", "--repository-name", $"{harness.StackName}/api"))!["lifecyclePolicyText"]!.ToString();
        Assert.Equal(new RepositoryLifecycleSpec { KeepLastImages = 10, ExpireUntaggedAfterDays = 7 }, RepositoryLifecyclePolicy.Parse(policy));
    }

    [Fact]
    public async Task Repository_CreatedTwice_AdoptsTheExistingRepository()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Repository);

        await harness.CreateAsync("Repository", "api");
        var second = await harness.CreateAsync("Repository", "api");

        harness.AssertInSync(second);
    }

    [Fact]
    public async Task Plan_TagsMadeMutableOutOfBand_ShowsTheFieldAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Repository);
        await harness.CreateAsync("Repository", "api");
        await _aws.RunAsync("ecr", "put-image-tag-mutability", "--repository-name", $"{harness.StackName}/api", "--image-tag-mutability", "MUTABLE");

        var change = harness.Plan(await harness.ObserveAsync("Repository", "api")).Changes.Single(c => c.Key.Kind == "Repository");
        var (updated, _) = await harness.UpdateAsync("Repository", "api");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(["immutableTags"], change.Fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var repository = (await _aws.RunAsync("ecr", "describe-repositories", "--repository-names", $"{harness.StackName}/api"))!["repositories"]![0]!;
        Assert.Equal("IMMUTABLE", (string?)repository["imageTagMutability"]);
    }

    [Fact]
    public async Task Repository_LifecycleChangedInDocument_UpdateWritesTheNewPolicy()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Repository);
        await harness.CreateAsync("Repository", "api");

        harness.Load(ContainerDocuments.Repository.Replace("keepLastImages: 10", "keepLastImages: 30", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Repository", "api");

        Assert.Equal(["lifecycle.keepLastImages"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var policy = (await _aws.RunAsync("ecr", "get-lifecycle-policy", "--repository-name", $"{harness.StackName}/api"))!["lifecyclePolicyText"]!.ToString();
        Assert.Equal(30, RepositoryLifecyclePolicy.Parse(policy)!.KeepLastImages);
    }

    [Fact]
    public async Task Plan_NameChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Repository);
        var created = await harness.CreateAsync("Repository", "api");

        harness.Load(ContainerDocuments.Repository.Replace("spec:\n", "spec:\n  repositoryName: renamed/api\n", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("Repository", "api", recorded: created.Identity)).Changes.Single(c => c.Key.Kind == "Repository");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("repositoryName", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task Repository_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, ContainerDocuments.Repository);
        var created = await harness.CreateAsync("Repository", "api");

        await harness.DeleteAsync("Repository", "api", created.Identity);
        var observed = await harness.ObserveAsync("Repository", "api", recorded: created.Identity);
        await harness.DeleteAsync("Repository", "api", created.Identity);

        Assert.False(observed.Exists);
        var names = (await _aws.RunAsync("ecr", "describe-repositories"))!["repositories"]!.AsArray().Select(r => (string?)r!["repositoryName"]);
        Assert.DoesNotContain($"{harness.StackName}/api", names);
    }
}
