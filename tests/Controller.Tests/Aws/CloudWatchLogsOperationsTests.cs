using System.Net;
using System.Text;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Aws.Logs;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>
/// The hand-written CloudWatch Logs client sends no AwsOperation yet; every call it makes must
/// still be known, with the right write-ness, or the write gate would refuse it.
/// </summary>
public sealed class CloudWatchLogsOperationsTests
{
    public static TheoryData<string, bool> Calls() => new()
    {
        { "CreateLogGroup", true },
        { "DeleteLogGroup", true },
        { "DescribeLogGroups", false },
        { "PutRetentionPolicy", true },
        { "DeleteRetentionPolicy", true },
        { "ListTagsForResource", false },
        { "TagResource", true },
        { "UntagResource", true },
        { "AssociateKmsKey", true },
        { "DisassociateKmsKey", true },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task LogsClientCall_IsKnownWithItsWriteness(string operation, bool writes)
    {
        var gate = new RecordingGate();
        using var factory = new AwsClientFactory(
            AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000/"), "us-east-1", new BasicAWSCredentials("testing", "testing")),
            null, null, null, new EmptyJsonAnswers(), gate);
        var logs = factory.CreateCloudWatchLogs();

        await Call(logs, operation);

        var record = Assert.Single(factory.RequestLog.Records());
        Assert.Equal(("logs", operation, writes), (record.Service, record.Operation, record.IsWrite));
        Assert.Equal(writes ? [operation] : [], gate.Asked);
    }

    private static Task Call(ICloudWatchLogsClient logs, string operation) => operation switch
    {
        "CreateLogGroup" => logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = "/a" }),
        "DeleteLogGroup" => logs.DeleteLogGroupAsync("/a"),
        "DescribeLogGroups" => logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest()),
        "PutRetentionPolicy" => logs.PutRetentionPolicyAsync("/a", 14),
        "DeleteRetentionPolicy" => logs.DeleteRetentionPolicyAsync("/a"),
        "ListTagsForResource" => logs.ListTagsForResourceAsync("arn:aws:logs:us-east-1:123456789012:log-group:/a"),
        "TagResource" => logs.TagResourceAsync("arn:aws:logs:us-east-1:123456789012:log-group:/a", new Dictionary<string, string> { ["a"] = "b" }),
        "UntagResource" => logs.UntagResourceAsync("arn:aws:logs:us-east-1:123456789012:log-group:/a", ["a"]),
        "AssociateKmsKey" => logs.AssociateKmsKeyAsync("/a", "arn:aws:kms:us-east-1:123456789012:key/k"),
        "DisassociateKmsKey" => logs.DisassociateKmsKeyAsync("/a"),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private sealed class RecordingGate : IAwsWriteGate
    {
        public List<string> Asked { get; } = [];

        public void EnsureMayWrite(string service, string operation) => Asked.Add(operation);
    }

    private sealed class EmptyJsonAnswers : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1") });
    }
}
