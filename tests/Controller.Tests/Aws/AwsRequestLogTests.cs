using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsRequestLogTests
{
    [Theory]
    [InlineData("CreateLogGroup", true)]
    [InlineData("PutRetentionPolicy", true)]
    [InlineData("DeleteVpc", true)]
    [InlineData("AuthorizeSecurityGroupIngress", true)]
    [InlineData("RevokeSecurityGroupEgress", true)]
    [InlineData("ModifyVpcAttribute", true)]
    [InlineData("RunInstances", true)]
    [InlineData("TerminateInstances", true)]
    [InlineData("TagResource", true)]
    [InlineData("UntagResource", true)]
    [InlineData("AssociateRouteTable", true)]
    [InlineData("DisassociateKmsKey", true)]
    [InlineData("SetDesiredCapacity", true)]
    [InlineData("UpdateItem", true)]
    [InlineData("BatchWriteItem", true)]
    [InlineData("DescribeVpcs", false)]
    [InlineData("DescribeLogGroups", false)]
    [InlineData("GetCallerIdentity", false)]
    [InlineData("ListTagsForResource", false)]
    [InlineData("HeadBucket", false)]
    [InlineData("Query", false)]
    [InlineData("Settings", false)]
    [InlineData("Tagging", false)]
    public void IsWrite_ClassifiesByLeadingVerb(string operation, bool isWrite)
    {
        Assert.Equal(isWrite, AwsOperations.IsWrite(operation));
    }

    [Fact]
    public void Record_CountsTotalPerServicePerOperationWritesAndFailures()
    {
        var log = new AwsRequestLog();

        log.Record("ec2", "DescribeVpcs", 200);
        log.Record("ec2", "CreateVpc", 200);
        log.Record("logs", "CreateLogGroup", 400);
        log.Record("logs", "CreateLogGroup", null);

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
        log.Record("ec2", "CreateVpc", 200);
        var mark = log.Mark();
        time.Advance(TimeSpan.FromMinutes(1));

        log.Record("ec2", "DescribeVpcs", 200);
        log.Record("ec2", "CreateTags", 200);

        var write = Assert.Single(log.WritesAfter(mark));
        Assert.Equal(new AwsRequestRecord(3, time.GetUtcNow(), "ec2", "CreateTags", 200, true) { SentAt = time.GetUtcNow() }, write);
        Assert.Equal(2, log.RecordsAfter(mark).Count);
    }

    [Fact]
    public void Record_BeyondMaxRecords_KeepsTheNewestAndCountsAll()
    {
        var log = new AwsRequestLog(maxRecords: 2);

        log.Record("s3", "ListBuckets", 200);
        log.Record("s3", "CreateBucket", 200);
        log.Record("s3", "PutObject", 200);

        Assert.Equal(["CreateBucket", "PutObject"], log.Records().Select(r => r.Operation));
        Assert.Equal(3, log.Total);
    }
}
