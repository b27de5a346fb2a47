using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Models;

/// <summary>Models load from the versioned bucket by key and version id, and a wrong checksum is refused.</summary>
public sealed class S3ModelLoadingTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string Bucket = "reconciler-models";
    private const string Key = "penguins/model.onnx";
    private string _v1VersionId = string.Empty;
    private string _v2VersionId = string.Empty;

    public async Task InitializeAsync()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config
        {
            ServiceURL = moto.Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
        await s3.PutBucketAsync(Bucket);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = Bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });

        // The same key twice: version ids are what tell blue's bytes from green's.
        _v1VersionId = (await PutAsync(s3, "models/penguins/1/model.onnx")).VersionId;
        _v2VersionId = (await PutAsync(s3, "models/penguins/2/model.onnx")).VersionId;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task S3Model_PinnedToFirstVersionId_ServesThoseBytesAndReportsThem()
    {
        await using var service = new ServiceFactory(S3Settings(_v1VersionId, TestSettings.PenguinsV1Sha256));
        await service.SettledAsync();

        using var response = await service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("x-model-version").Single());
        var metrics = await service.CreateClient().GetStringAsync("/metrics");
        Assert.Contains($"sha256=\"{TestSettings.PenguinsV1Sha256}\",source=\"s3://{Bucket}/{Key}?versionId={_v1VersionId}\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3Model_PinnedToLaterVersionId_LoadsTheLaterBytes()
    {
        await using var service = new ServiceFactory(S3Settings(_v2VersionId, TestSettings.PenguinsV2Sha256, warmupVersion: "2"));
        await service.SettledAsync();

        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.NotEqual(_v1VersionId, _v2VersionId);
    }

    [Fact]
    public async Task S3Model_WrongChecksum_IsRefusedAndNeverReady()
    {
        // Green's bytes with blue's checksum: what a mix-up in a deployment would look like.
        await using var service = new ServiceFactory(S3Settings(_v2VersionId, TestSettings.PenguinsV1Sha256));
        await service.SettledAsync();

        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        var reason = await Requests.ErrorAsync(ready);
        Assert.Contains($"has SHA-256 {TestSettings.PenguinsV2Sha256} but {TestSettings.PenguinsV1Sha256} was expected; refusing to load it", reason, StringComparison.Ordinal);

        using var infer = await service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.Contains("is not ready: failed to load", await Requests.ErrorAsync(infer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3Model_UnknownVersionId_IsNeverReady()
    {
        await using var service = new ServiceFactory(S3Settings("no-such-version", null));
        await service.SettledAsync();

        using var ready = await service.CreateClient().GetAsync("/v2/models/penguins/ready");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
    }

    private Dictionary<string, string?> S3Settings(string versionId, string? sha256, string warmupVersion = "1") => new()
    {
        ["Inference:Models:0:Name"] = "penguins",
        ["Inference:Models:0:Version"] = "1",
        // The application's own settings name a file; emptied so the bucket is the one source.
        ["Inference:Models:0:Path"] = string.Empty,
        ["Inference:Models:0:S3:Bucket"] = Bucket,
        ["Inference:Models:0:S3:Key"] = Key,
        ["Inference:Models:0:S3:VersionId"] = versionId,
        ["Inference:Models:0:Sha256"] = sha256,
        ["Inference:Models:0:WarmupPath"] = $"models/penguins/{warmupVersion}/warmup.json",
        ["S3:ServiceUrl"] = moto.Endpoint,
        ["S3:Region"] = "us-east-1",
        ["S3:ForcePathStyle"] = "true",
        ["Auth:Keys:0:Name"] = TestSettings.KeyName,
        ["Auth:Keys:0:Sha256"] = TestSettings.Hash(TestSettings.Key),
        ["Hosting:Mode"] = "Http",
    };

    private static Task<PutObjectResponse> PutAsync(IAmazonS3 s3, string localPath) =>
        s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = Key,
            FilePath = Path.Combine(AppContext.BaseDirectory, localPath),
        });
}
