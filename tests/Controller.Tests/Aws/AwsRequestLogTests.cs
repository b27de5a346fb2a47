using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsRequestLogTests
{
    [Fact]
    public void Record_CountsTotalPerServicePerOperationWritesAndFailures()
    {
        var log = new AwsRequestLog();

        log.Record("ec2", "DescribeVpcs", false, 200);
        log.Record("ec2", "CreateVpc", true, 200);
        log.Record("logs", "CreateLogGroup", true, 400);
        log.Record("logs", "CreateLogGroup", true, null);

        Assert.Equal(4, log.Total);
        Assert.Equal(3, log.Writes);
        Assert.Equal(2, log.Failures);
        Assert.Equal(2, log.CountFor("ec2"));
        Assert.Equal(2, log.CountFor("logs", "CreateLogGroup"));
        Assert.Equal(new Dictionary<string, long> { ["ec2"] = 2, ["logs"] = 2 }, log.CountsByService());
        Assert.Equal(1, log.CountsByOperation()["ec2:DescribeVpcs"]);
    }

    [Fact]
    public void WritesAfter_Mark_ListsOnlyLaterWrites()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var log = new AwsRequestLog(time);
        log.Record("ec2", "CreateVpc", true, 200);
        var mark = log.Mark();
        time.Advance(TimeSpan.FromMinutes(1));

        log.Record("ec2", "DescribeVpcs", false, 200);
        log.Record("ec2", "CreateTags", true, 200);

        var write = Assert.Single(log.WritesAfter(mark));
        Assert.Equal(new AwsRequestRecord(3, time.GetUtcNow(), "ec2", "CreateTags", 200, true) { SentAt = time.GetUtcNow() }, write);
        Assert.Equal(2, log.RecordsAfter(mark).Count);
    }

    [Fact]
    public void Record_BeyondMaxRecords_KeepsTheNewestAndCountsAll()
    {
        var log = new AwsRequestLog(maxRecords: 2);

        log.Record("s3", "ListBuckets", false, 200);
        log.Record("s3", "CreateBucket", true, 200);
        log.Record("s3", "PutObject", true, 200);

        Assert.Equal(["CreateBucket", "PutObject"], log.Records().Select(r => r.Operation));
        Assert.Equal(3, log.Total);
    }
}
