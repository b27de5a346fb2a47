using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Integration.Tests.Rollouts;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// The InferenceService driver resolves the model's version label to the S3 object version that
/// carries it (model-version metadata) and its SHA-256; it has no AWS resource of its own, so
/// create, update and delete write nothing, nothing it reports can drift, and it has no
/// immutable field to replace it.
/// </summary>
[Collection(DriverTestCollection.Name)]
public sealed class InferenceServiceDriverTests(AwsEmulatorFixture emulator)
{
    private const string Key = RolloutDocuments.ModelKey;

    private static string Documents(string version) => TrafficDocuments.Join(
        RolloutDocuments.Traffic,
        RolloutDocuments.Inference(version, """
                  - setWeight: 50
            """));

    [Fact]
    public async Task InferenceService_Created_ResolvesTheLabelToItsObjectVersionAndSha256_AndObservesInSync()
    {
        using var harness = new DriverHarness(emulator, Documents("2"));
        var versions = await UploadAsync(harness, "1", "2");

        var created = await harness.CreateAsync("InferenceService", "penguins");
        var observed = await harness.ObserveAsync("InferenceService", "penguins", created.Identity);

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal((versions["2"], "sha-of-2"), (observed.Outputs["modelVersionId"], observed.Outputs["modelSha256"]));
        Assert.Equal($"{harness.StackName}/penguins", created.Identity["id"]);
    }

    [Fact]
    public async Task InferenceService_LabelledVersionDeletedOutOfBand_IsNoPlanDifference_ButItsOutputsGo()
    {
        using var harness = new DriverHarness(emulator, Documents("2"));
        var versions = await UploadAsync(harness, "1", "2");
        var created = await harness.CreateAsync("InferenceService", "penguins");

        await new AwsCli(emulator.Endpoint).RunAsync("s3api", "delete-object", "--bucket", BucketOf(harness), "--key", Key, "--version-id", versions["2"]);
        var observed = await harness.ObserveAsync("InferenceService", "penguins", created.Identity);

        // Which version serves is the rollout's state, not AWS's: the rollout refuses the label, the plan does not.
        harness.AssertInSync(observed);
        Assert.Empty(observed.Outputs);
    }

    [Fact]
    public async Task InferenceService_VersionChanged_OutputsFollowTheNewLabelsObjectVersion_WithoutAPlannedChange()
    {
        using var harness = new DriverHarness(emulator, Documents("1"));
        var versions = await UploadAsync(harness, "1", "2");
        var created = await harness.CreateAsync("InferenceService", "penguins");
        Assert.Equal(versions["1"], created.Outputs["modelVersionId"]);
        harness.Load(Documents("2"));

        var observed = await harness.ObserveAsync("InferenceService", "penguins", created.Identity);

        harness.AssertInSync(observed);
        Assert.Equal((versions["2"], "sha-of-2"), (observed.Outputs["modelVersionId"], observed.Outputs["modelSha256"]));
        harness.Load(Documents("9"));
        var unknown = await harness.ObserveAsync("InferenceService", "penguins", created.Identity);
        harness.AssertInSync(unknown);
        Assert.Empty(unknown.Outputs);
    }

    [Fact]
    public async Task InferenceService_Deleted_LeavesTheModelAndTheListenerAlone()
    {
        using var harness = new DriverHarness(emulator, Documents("1"));
        var versions = await UploadAsync(harness, "1");
        var created = await harness.CreateAsync("InferenceService", "penguins");

        await harness.DeleteAsync("InferenceService", "penguins", created.Identity);

        var listed = await new AwsCli(emulator.Endpoint).RunAsync("s3api", "list-object-versions", "--bucket", BucketOf(harness), "--prefix", Key);
        Assert.Equal(versions["1"], (string?)listed!["Versions"]![0]!["VersionId"]);
    }

    private static string BucketOf(DriverHarness harness) => harness.Context.Identities.IdOf("Bucket", "models");

    // Uploads each label as a new object version of the key, with its metadata; returns the version ids by label.
    private async Task<Dictionary<string, string>> UploadAsync(DriverHarness harness, params string[] labels)
    {
        await harness.CreateAsync("Bucket", "models");
        var aws = new AwsCli(emulator.Endpoint);
        var ids = new Dictionary<string, string>();
        foreach (var label in labels)
        {
            var file = Path.GetTempFileName();
            await File.WriteAllTextAsync(file, $"model bytes of version {label}");
            var put = await aws.RunAsync("s3api", "put-object", "--bucket", BucketOf(harness), "--key", Key, "--body", file, "--metadata", $"model-version={label},model-sha256=sha-of-{label}");
            File.Delete(file);
            ids[label] = (string)put!["VersionId"]!;
        }

        return ids;
    }
}
