using Reconciler.Controller.Aws.Logs;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>Request shapes checked against botocore's logs model; moto lacks some operations (KMS association).</summary>
public sealed class CloudWatchLogsClientTests
{
    [Fact]
    public async Task AssociateKmsKeyAsync_SendsLogGroupNameAndKmsKeyId()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json(""));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var client = new CloudWatchLogsClient(t.Sender);

        await client.AssociateKmsKeyAsync("/app/api", "arn:aws:kms:us-east-1:123456789012:key/k1");
        await client.DisassociateKmsKeyAsync("/app/api");

        Assert.Equal("Logs_20140328.AssociateKmsKey", server.Requests[0].Header("X-Amz-Target"));
        Assert.Equal("""{"logGroupName":"/app/api","kmsKeyId":"arn:aws:kms:us-east-1:123456789012:key/k1"}""", server.Requests[0].Body);
        Assert.Equal("Logs_20140328.DisassociateKmsKey", server.Requests[1].Header("X-Amz-Target"));
        Assert.Equal("""{"logGroupName":"/app/api"}""", server.Requests[1].Body);
    }

    [Fact]
    public async Task CreateLogGroupAsync_OmitsUnsetMembersAndSendsTags()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json(""));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var client = new CloudWatchLogsClient(t.Sender);

        await client.CreateLogGroupAsync(new CreateLogGroupRequest
        {
            LogGroupName = "/app/api",
            Tags = new Dictionary<string, string> { ["reconciler:stack"] = "dev" },
        });

        Assert.Equal("""{"logGroupName":"/app/api","tags":{"reconciler:stack":"dev"}}""", Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task UntagResourceAsync_SendsArnAndTagKeys()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json("{}"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var client = new CloudWatchLogsClient(t.Sender);

        await client.UntagResourceAsync("arn:aws:logs:us-east-1:123456789012:log-group:/app/api", ["a", "b"]);

        Assert.Equal("""{"resourceArn":"arn:aws:logs:us-east-1:123456789012:log-group:/app/api","tagKeys":["a","b"]}""", Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task DescribeAllLogGroupsAsync_FollowsNextTokenToTheLastPage()
    {
        await using var server = new FakeAwsServer(r => r.Body.Contains("\"nextToken\":\"p2\"", StringComparison.Ordinal)
            ? FakeAnswer.Json("""{"logGroups":[{"logGroupName":"/a/3","retentionInDays":14}]}""")
            : FakeAnswer.Json("""{"logGroups":[{"logGroupName":"/a/1"},{"logGroupName":"/a/2"}],"nextToken":"p2"}"""));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var client = new CloudWatchLogsClient(t.Sender);

        var groups = await client.DescribeAllLogGroupsAsync("/a/");

        Assert.Equal(["/a/1", "/a/2", "/a/3"], groups.Select(g => g.LogGroupName));
        Assert.Equal(14, groups[2].RetentionInDays);
        Assert.Equal("""{"logGroupNamePrefix":"/a/"}""", server.Requests[0].Body);
        Assert.Equal("""{"logGroupNamePrefix":"/a/","nextToken":"p2"}""", server.Requests[1].Body);
    }

    [Fact]
    public async Task DescribeAllLogGroupsAsync_RepeatedToken_StopsInsteadOfLoopingForever()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json("""{"logGroups":[],"nextToken":"same"}"""));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var client = new CloudWatchLogsClient(t.Sender);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.DescribeAllLogGroupsAsync());

        Assert.Equal("AWS logs DescribeLogGroups returned nextToken 'same' twice; stopping instead of paging forever.", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }
}
