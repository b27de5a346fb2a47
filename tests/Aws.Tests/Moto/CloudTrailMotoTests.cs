using Reconciler.Aws.Clients.CloudTrail;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class CloudTrailMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateTrail_IsSeenByTheCliAndReadBackWithItsStatus()
    {
        var bucket = MotoFixture.Unique("trail-logs");
        await moto.CliAsync("s3api", "create-bucket", "--bucket", bucket);
        var cloudtrail = moto.Clients.CreateCloudTrail();
        var name = MotoFixture.Unique("audit");

        var created = await cloudtrail.CreateTrailAsync(new CreateTrailRequest
        {
            Name = name,
            S3BucketName = bucket,
            IsMultiRegionTrail = true,
            EnableLogFileValidation = true,
            TagsList = [new Tag { Key = "reconciler:stack", Value = "dev" }],
        });
        await cloudtrail.StartLoggingAsync(new StartLoggingRequest { Name = name });

        var trail = (await cloudtrail.GetTrailAsync(new GetTrailRequest { Name = name })).Trail!;
        var status = await cloudtrail.GetTrailStatusAsync(new GetTrailStatusRequest { Name = name });
        var cli = await moto.CliAsync("cloudtrail", "get-trail", "--name", name);
        var listed = (await cloudtrail.DescribeTrailsAsync(new DescribeTrailsRequest())).TrailList!.Select(t => t.Name);

        Assert.Equal(cli.GetProperty("Trail").GetProperty("TrailARN").GetString(), created.TrailARN);
        Assert.True(cli.GetProperty("Trail").GetProperty("LogFileValidationEnabled").GetBoolean());
        Assert.True(trail.IsMultiRegionTrail);
        Assert.Equal(bucket, trail.S3BucketName);
        Assert.True(status.IsLogging);
        Assert.Contains(name, listed);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTrail_OfAMissingTrail_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => moto.Clients.CreateCloudTrail().GetTrailAsync(new GetTrailRequest { Name = "no-such-trail" }));

        Assert.Equal("TrailNotFoundException", error.ErrorCode);
    }
}
