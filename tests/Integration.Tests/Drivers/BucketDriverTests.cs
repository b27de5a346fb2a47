using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class BucketDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Bucket
        metadata:
          name: models
          deletionPolicy: delete
          tags:
            data: models
        spec:
          versioning: true
          lifecycleRules:
            - id: old-versions
              noncurrentVersionExpirationDays: 30
            - id: uploads
              prefix: incoming/
              expirationDays: 7
              abortIncompleteMultipartUploadDays: 1
        """;

    [Fact]
    public async Task Bucket_Created_ObserveMatchesDesiredWithTagsAndOutputs()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var created = await harness.CreateAsync("Bucket", "models");
        var observed = await harness.ObserveAsync("Bucket", "models");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal($"{harness.StackName}-models", observed.Identity["id"]);
        Assert.Equal($"arn:aws:s3:::{harness.StackName}-models", observed.Outputs["bucketArn"]);
    }

    [Fact]
    public async Task Bucket_CreatedTwice_AdoptsTheBucketItAlreadyOwns()
    {
        using var harness = new DriverHarness(emulator, Documents);

        await harness.CreateAsync("Bucket", "models");
        var second = await harness.CreateAsync("Bucket", "models");

        harness.AssertInSync(second);
        var buckets = await harness.OutOfBand.S3.ListBucketsAsync(new ListBucketsRequest());
        Assert.Single(buckets.Buckets, b => b.BucketName == $"{harness.StackName}-models");
    }

    [Fact]
    public async Task Bucket_VersioningAndLifecycleChangedInDocument_UpdateAppliesThem()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAsync("Bucket", "models");

        harness.Load(Documents
            .Replace("versioning: true", "versioning: false", StringComparison.Ordinal)
            .Replace("expirationDays: 7", "expirationDays: 14", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Bucket", "models");

        Assert.Equal(["versioning", "lifecycleRules"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("Bucket", "models"));
    }

    [Fact]
    public async Task Bucket_VersioningSuspendedOutOfBand_ObserveShowsIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Bucket", "models");

        await harness.OutOfBand.S3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = created.Identity["id"],
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended },
        });
        var observed = await harness.ObserveAsync("Bucket", "models");

        Assert.False(((BucketSpec)observed.Live!).Versioning);
    }

    [Fact]
    public async Task Bucket_DeletedWithObjectVersions_IsEmptiedAndGoneAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Bucket", "models");
        var name = created.Identity["id"];
        // Objects are put by the aws CLI: the controller never writes objects, so its clients' write gate refuses them.
        var aws = new AwsCli(emulator.Endpoint);
        var body = Path.GetTempFileName();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await File.WriteAllTextAsync(body, $"v{i}");
                await aws.RunAsync("s3api", "put-object", "--bucket", name, "--key", "model.onnx", "--body", body);
            }
        }
        finally
        {
            File.Delete(body);
        }

        await aws.RunAsync("s3api", "delete-object", "--bucket", name, "--key", "model.onnx");

        await harness.DeleteAsync("Bucket", "models", created.Identity);
        var observed = await harness.ObserveAsync("Bucket", "models", recorded: created.Identity);
        await harness.DeleteAsync("Bucket", "models", created.Identity);

        Assert.False(observed.Exists);
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => harness.OutOfBand.S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = name }));
        Assert.Equal("NoSuchBucket", error.ErrorCode);
    }
}
