using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsRequestCountingHandlerTests
{
    private const string Authorization = "Credential=AKID/20260101/us-east-1/{0}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

    [Fact]
    public async Task SendAsync_JsonTarget_RecordsServiceFromScopeAndOperationFromTarget()
    {
        var log = new AwsRequestLog();
        using var request = Signed(HttpMethod.Post, "http://127.0.0.1:5000/", "logs");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Logs_20140328.CreateLogGroup");

        await SendAsync(log, request, HttpStatusCode.OK);

        Assert.Equal(new AwsRequestRecord(1, log.Records()[0].Time, "logs", "CreateLogGroup", 200, true) { SentAt = log.Records()[0].SentAt }, Assert.Single(log.Records()));
    }

    [Fact]
    public async Task SendAsync_QueryForm_RecordsTheAction()
    {
        var log = new AwsRequestLog();
        using var request = Signed(HttpMethod.Post, "http://127.0.0.1:5000/", "ec2");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("Action=DescribeVpcs&Version=2016-11-15"));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

        await SendAsync(log, request, HttpStatusCode.OK);

        var record = Assert.Single(log.Records());
        Assert.Equal(("ec2", "DescribeVpcs", false), (record.Service, record.Operation, record.IsWrite));
    }

    [Theory]
    [InlineData("PUT", "http://127.0.0.1:5000/models", "CreateBucket")]
    [InlineData("PUT", "http://127.0.0.1:5000/models?versioning", "PutBucketVersioning")]
    [InlineData("GET", "http://127.0.0.1:5000/models?tagging", "GetBucketTagging")]
    [InlineData("PUT", "http://127.0.0.1:5000/models/model.onnx", "PutObject")]
    [InlineData("GET", "http://127.0.0.1:5000/models?list-type=2", "ListObjectsV2")]
    [InlineData("GET", "http://127.0.0.1:5000/", "ListBuckets")]
    [InlineData("HEAD", "http://127.0.0.1:5000/models", "HeadBucket")]
    [InlineData("POST", "http://127.0.0.1:5000/models?delete", "DeleteObjects")]
    [InlineData("GET", "https://models.s3.eu-west-1.amazonaws.com/?publicAccessBlock", "GetPublicAccessBlock")]
    [InlineData("DELETE", "http://127.0.0.1:5000/models?lifecycle", "DeleteBucketLifecycle")]
    [InlineData("PUT", "http://127.0.0.1:5000/models?lifecycle", "PutBucketLifecycleConfiguration")]
    [InlineData("GET", "http://127.0.0.1:5000/models?versions", "ListObjectVersions")]
    [InlineData("DELETE", "http://127.0.0.1:5000/models/big.onnx?uploadId=u1", "AbortMultipartUpload")]
    [InlineData("GET", "http://127.0.0.1:5000/models/model.onnx?x-id=GetObject", "GetObject")]
    public async Task SendAsync_S3Rest_NamesTheOperationFromMethodPathAndSubresource(string method, string url, string operation)
    {
        var log = new AwsRequestLog();
        using var request = Signed(new HttpMethod(method), url, "s3");

        await SendAsync(log, request, HttpStatusCode.OK);

        Assert.Equal(operation, Assert.Single(log.Records()).Operation);
    }

    [Fact]
    public async Task SendAsync_DeclaredRestJsonOperation_RecordsItsDeclaredNameNotItsPath()
    {
        var log = new AwsRequestLog();
        using var request = OwnRequests.LambdaCreateFunction();

        await SendAsync(log, request, HttpStatusCode.Created);

        var record = Assert.Single(log.Records());
        Assert.Equal(("lambda", "CreateFunction", true, 201), (record.Service, record.Operation, record.IsWrite, record.StatusCode));
    }

    [Fact]
    public async Task SendAsync_UndeclaredOperationWithoutAGate_IsCountedAsAWrite()
    {
        var log = new AwsRequestLog();
        using var request = OwnRequests.LambdaCreateFunction(declared: false);

        await SendAsync(log, request, HttpStatusCode.Created);

        var record = Assert.Single(log.Records());
        Assert.Equal(("lambda", "POST /2015-03-31/functions", true), (record.Service, record.Operation, record.IsWrite));
    }

    [Fact]
    public async Task SendAsync_NoAnswer_RecordsNullStatusAndRethrows()
    {
        var log = new AwsRequestLog();
        using var request = Signed(HttpMethod.Post, "http://127.0.0.1:5000/", "logs");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Logs_20140328.DescribeLogGroups");
        using var invoker = new HttpMessageInvoker(new AwsRequestCountingHandler(log, new Stub(_ => throw new HttpRequestException("refused"))));

        await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(request, CancellationToken.None));

        var record = Assert.Single(log.Records());
        Assert.Null(record.StatusCode);
        Assert.Equal(1, log.Failures);
    }

    private static HttpRequestMessage Signed(HttpMethod method, string url, string service)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256", string.Format(System.Globalization.CultureInfo.InvariantCulture, Authorization, service));
        return request;
    }

    private static async Task SendAsync(AwsRequestLog log, HttpRequestMessage request, HttpStatusCode status)
    {
        using var invoker = new HttpMessageInvoker(new AwsRequestCountingHandler(log, new Stub(_ => new HttpResponseMessage(status))));
        using var response = await invoker.SendAsync(request, CancellationToken.None);
    }

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
