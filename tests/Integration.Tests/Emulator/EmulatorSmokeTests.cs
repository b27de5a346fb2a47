using Amazon.DynamoDBv2.Model;
using Amazon.EC2.Model;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Reconciler.Aws.Protocol;
using Reconciler.Controller.Aws;

namespace Reconciler.Integration.Tests.Emulator;

/// <summary>The fixture's emulator answers the official SDK clients made by the factory, and every call is counted.</summary>
public sealed class EmulatorSmokeTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>
{
    [Fact]
    public async Task Sts_GetCallerIdentity_ReturnsTheEmulatorsAccount()
    {
        using var factory = emulator.CreateFactory();
        using var sts = factory.CreateSts();

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(emulator.AccountId, identity.Account);
        Assert.Equal(1, factory.RequestLog.CountFor("sts", "GetCallerIdentity"));
    }

    [Fact]
    public async Task Ec2_DescribeVpcs_WorksThroughTheFactoryAndIsCountedAsARead()
    {
        using var factory = emulator.CreateFactory();
        using var ec2 = factory.CreateEc2();

        var vpcs = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        Assert.NotEmpty(vpcs.Vpcs);
        var record = Assert.Single(factory.RequestLog.Records());
        Assert.Equal(("ec2", "DescribeVpcs", 200, false), (record.Service, record.Operation, record.StatusCode, record.IsWrite));
    }

    [Fact]
    public async Task S3_CreateAndListBuckets_UsesPathStyleAgainstTheEmulator()
    {
        using var factory = emulator.CreateFactory();
        using var s3 = factory.CreateS3();
        var bucket = "smoke-" + Guid.NewGuid().ToString("N")[..12];

        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var buckets = await s3.ListBucketsAsync(new ListBucketsRequest());

        Assert.Contains(bucket, buckets.Buckets.Select(b => b.BucketName));
        Assert.Equal(1, factory.RequestLog.CountFor("s3", "CreateBucket"));
        Assert.Equal(1, factory.RequestLog.CountFor("s3", "ListBuckets"));
        Assert.Equal(1, factory.RequestLog.Writes);
    }

    [Fact]
    public async Task DynamoDb_ListTables_IsCountedByTarget()
    {
        using var factory = emulator.CreateFactory();
        using var dynamo = factory.CreateDynamoDb();

        await dynamo.ListTablesAsync(new ListTablesRequest());

        Assert.Equal(1, factory.RequestLog.CountFor("dynamodb", "ListTables"));
    }

    [Fact]
    public async Task QueryProtocol_StsGetCallerIdentity_ReadsTheResultElement()
    {
        using var factory = emulator.CreateFactory();
        var protocol = factory.CreateQueryProtocol(AwsService.Sts, "2011-06-15");

        var result = await protocol.InvokeAsync(new AwsOperation(AwsService.Sts, "GetCallerIdentity", Writes: false), [], CancellationToken.None);

        Assert.Equal(emulator.AccountId, result.Element("Account")?.Value);
        Assert.Equal(1, factory.RequestLog.CountFor("sts", "GetCallerIdentity"));
    }

    [Fact]
    public async Task QueryProtocol_UnknownIamRole_ThrowsTypedNotFound()
    {
        // The controller makes no IAM call yet, so its gated clients would refuse GetRole as unknown;
        // the protocol under test goes through a plain sender instead.
        using var http = new HttpClient();
        var sender = new AwsRequestSender(http, emulator.Environment, AwsCredentialChain.For(emulator.Environment), TimeProvider.System);
        var protocol = new AwsQueryProtocol(sender, AwsService.Iam, "2010-05-08");

        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => protocol.InvokeAsync("GetRole", [new("RoleName", "no-such-role")], CancellationToken.None));

        Assert.Equal("NoSuchEntity", error.ErrorCode);
        Assert.Equal("iam", error.Service);
        Assert.Equal("GetRole", error.Operation);
    }
}
