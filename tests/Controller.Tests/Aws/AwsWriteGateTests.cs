using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsWriteGateTests
{
    private const string Authorization = "Credential=AKID/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

    [Fact]
    public async Task SendAsync_WriteRefusedByTheGate_IsNeverSentNorCounted()
    {
        var log = new AwsRequestLog();
        var sent = 0;
        using var invoker = Invoker(log, new RefusingGate(), () => sent++);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => invoker.SendAsync(Ec2("CreateVpc"), CancellationToken.None));

        Assert.Equal("refused ec2 CreateVpc", refused.Message);
        Assert.Equal(0, sent);
        Assert.Equal(0, log.Total);
    }

    [Fact]
    public async Task SendAsync_ReadWithARefusingGate_IsSent()
    {
        var log = new AwsRequestLog();
        var sent = 0;
        using var invoker = Invoker(log, new RefusingGate(), () => sent++);

        using var response = await invoker.SendAsync(Ec2("DescribeVpcs"), CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal(1, log.Total);
    }

    [Fact]
    public void Record_Outcomes_AreCountedByServiceAndOutcome()
    {
        var log = new AwsRequestLog();
        log.Record("ec2", "DescribeVpcs", 200);
        log.Record("ec2", "DescribeVpcs", 503);
        log.Record("ec2", "CreateVpc", 400);
        log.Record("s3", "ListBuckets", null);

        var counts = log.CountsByServiceAndOutcome();

        Assert.Equal(1, counts[("ec2", "success")]);
        Assert.Equal(1, counts[("ec2", "server-error")]);
        Assert.Equal(1, counts[("ec2", "client-error")]);
        Assert.Equal(1, counts[("s3", "no-answer")]);
    }

    private static HttpRequestMessage Ec2(string action)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5000/");
        request.Headers.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256", Authorization);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes($"Action={action}&Version=2016-11-15"));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        return request;
    }

    private static HttpMessageInvoker Invoker(AwsRequestLog log, IAwsWriteGate gate, Action onSend) =>
        new(new AwsRequestCountingHandler(log, new Stub(onSend), gate));

    private sealed class RefusingGate : IAwsWriteGate
    {
        public void EnsureMayWrite(string service, string operation) => throw new InvalidOperationException($"refused {service} {operation}");
    }

    private sealed class Stub(Action onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
