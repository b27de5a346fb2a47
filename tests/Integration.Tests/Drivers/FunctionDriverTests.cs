using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class FunctionDriverTests(AwsEmulatorFixture emulator)
{
    [Fact]
    public async Task Function_Created_InSyncWithItsSettingsAndPublishesVersion1FromThePackage()
    {
        var (lambda, package) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;

        var created = await harness.CreateAsync("Function", "inference");
        var observed = await harness.ObserveAsync("Function", "inference");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal("1", observed.Outputs["version"]);
        var config = await lambda.ConfigurationAsync();
        Assert.Equal(("provided.al2023", "bootstrap", 256, 30), (config["Runtime"]!.GetValue<string>(), config["Handler"]!.GetValue<string>(), config["MemorySize"]!.GetValue<int>(), config["Timeout"]!.GetValue<int>()));
        Assert.EndsWith($":role/{harness.StackName}-fn", config["Role"]!.GetValue<string>(), StringComparison.Ordinal);
        var version = Assert.Single(await lambda.PublishedVersionsAsync());
        Assert.Equal($"s3://{lambda.BucketName}/lambda/inference.zip?versionId={package}", version["Description"]!.GetValue<string>());
        Assert.Equal(new FunctionCodeSpec { Bucket = "models", Key = "lambda/inference.zip", Version = package }, ((FunctionSpec)observed.Live!).Code);
    }

    [Fact]
    public async Task Function_CreatedTwice_AdoptsTheExistingFunction()
    {
        var (lambda, _) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;

        await harness.CreateAsync("Function", "inference");
        var second = await harness.CreateAsync("Function", "inference");

        harness.AssertInSync(second);
        Assert.Single(await lambda.PublishedVersionsAsync());
    }

    [Fact]
    public async Task Function_MemoryChangedOutOfBand_IsDriftAndUpdateRestoresItAsANewVersion()
    {
        var (lambda, _) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;
        await harness.CreateAsync("Function", "inference");

        await lambda.Aws.RunAsync("lambda", "update-function-configuration", "--function-name", lambda.FunctionName, "--memory-size", "512");
        var observed = await harness.ObserveAsync("Function", "inference");
        var field = Assert.Single(harness.Changes(observed));
        var (updated, _) = await harness.UpdateAsync("Function", "inference");

        Assert.Equal(("memoryMb", "512", "256"), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString()));
        harness.AssertInSync(updated);
        Assert.Equal(256, (await lambda.ConfigurationAsync())["MemorySize"]!.GetValue<int>());
        Assert.Equal("2", updated.Outputs["version"]);
    }

    [Fact]
    public async Task Function_NewPackageVersionInDocument_DeploysTheCodeAndPublishesIt()
    {
        var (lambda, first) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;
        await harness.CreateAsync("Function", "inference");
        var before = (await lambda.ConfigurationAsync())["CodeSha256"]!.GetValue<string>();

        var second = await lambda.UploadPackageAsync("#!/bin/sh\nexec ./Reconciler.Inference --green\n");
        lambda.Load(second);
        var (updated, fields) = await harness.UpdateAsync("Function", "inference");

        Assert.Equal(["code.version"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.NotEqual(first, second);
        Assert.NotEqual(before, (await lambda.ConfigurationAsync())["CodeSha256"]!.GetValue<string>());
        var versions = await lambda.PublishedVersionsAsync();
        Assert.Equal(["1", "2"], versions.Select(v => v["Version"]!.GetValue<string>()));
        Assert.EndsWith($"?versionId={second}", versions[1]["Description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_CodeUploadedOutOfBand_IsDriftOfTheCodeAndUpdateRedeploysThePackage()
    {
        var (lambda, package) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;
        await harness.CreateAsync("Function", "inference");
        var deployed = (await lambda.ConfigurationAsync())["CodeSha256"]!.GetValue<string>();

        var other = LambdaDocuments.ZipOf("#!/bin/sh\necho patched by hand\n");
        try
        {
            await lambda.Aws.RunAsync("lambda", "update-function-code", "--function-name", lambda.FunctionName, "--zip-file", $"fileb://{other}");
        }
        finally
        {
            File.Delete(other);
        }

        var observed = await harness.ObserveAsync("Function", "inference");
        var changes = harness.Changes(observed);
        var (updated, _) = await harness.UpdateAsync("Function", "inference");

        Assert.Equal(["code.bucket", "code.key", "code.version"], changes.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.Contains("not deployed from a bucket", ((FunctionSpec)observed.Live!).Code.Version, StringComparison.Ordinal);
        harness.AssertInSync(updated);
        Assert.Equal(deployed, (await lambda.ConfigurationAsync())["CodeSha256"]!.GetValue<string>());
        Assert.Equal(package, ((FunctionSpec)updated.Live!).Code.Version);
    }

    [Fact]
    public async Task Function_ReservedConcurrencyAndEnvironmentInDocument_AreSetInPlace()
    {
        var (lambda, package) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;
        await harness.CreateAsync("Function", "inference");

        lambda.Load(package, ("  timeoutSeconds: 30", "  timeoutSeconds: 60\n  reservedConcurrency: 5"), ("Hosting__Mode: Lambda", "Hosting__Mode: Lambda\n    Inference__MaxBatchItems: \"100\""));
        var (updated, fields) = await harness.UpdateAsync("Function", "inference");

        Assert.Equal(["environment", "reservedConcurrency", "timeoutSeconds"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        harness.AssertInSync(updated);
        var function = (await lambda.Aws.RunAsync("lambda", "get-function", "--function-name", lambda.FunctionName))!;
        Assert.Equal(5, function["Concurrency"]!["ReservedConcurrentExecutions"]!.GetValue<int>());
        Assert.Equal("100", function["Configuration"]!["Environment"]!["Variables"]!["Inference__MaxBatchItems"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plan_FunctionNameChanged_ReplacesTheFunctionNamingTheField()
    {
        var (lambda, package) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;
        var created = await harness.CreateAsync("Function", "inference");

        lambda.Load(package, (lambda.FunctionName, lambda.FunctionName + "-v2"));
        var plan = harness.Plan(created);

        var change = Assert.Single(plan.Changes, c => c.Key.Kind == "Function");
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains(change.Fields, f => f.Path == "functionName" && f.ForcesReplacement);
    }

    [Fact]
    public async Task Function_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        var (lambda, _) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;
        var created = await harness.CreateAsync("Function", "inference");

        await harness.DeleteAsync("Function", "inference", created.Identity);
        var observed = await harness.ObserveAsync("Function", "inference", recorded: created.Identity);
        await harness.DeleteAsync("Function", "inference", created.Identity);

        Assert.False(observed.Exists);
        var functions = (await lambda.Aws.RunAsync("lambda", "list-functions"))!["Functions"]!.AsArray();
        Assert.DoesNotContain(functions, f => f!["FunctionName"]!.GetValue<string>() == lambda.FunctionName);
    }

    [Fact]
    public async Task Function_TagRemovedOutOfBand_ObserveShowsItAndUpdateRestoresIt()
    {
        var (lambda, _) = await LambdaDocuments.SetUpAsync(emulator);
        using var harness = lambda.Harness;
        var created = await harness.CreateAsync("Function", "inference");

        await lambda.Aws.RunAsync("lambda", "untag-resource", "--resource", created.Identity["arn"], "--tag-keys", "service");
        var observed = await harness.ObserveAsync("Function", "inference");
        var (updated, fields) = await harness.UpdateAsync("Function", "inference");

        Assert.False(observed.Tags.ContainsKey("service"));
        Assert.Equal([Planner.TagsPath], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
    }
}
