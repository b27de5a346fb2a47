using System.Net;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsFaultInjectionHandlerTests
{
    [Fact]
    public async Task Throttle_OnEveryEc2Request_AnswersEc2sOwnRequestLimitExceededWithoutReachingAws()
    {
        var reached = 0;
        using var invoker = new HttpMessageInvoker(new AwsFaultInjectionHandler(new AwsFaultOptions { Throttle = 1 }, new Counting(() => reached++)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5000/")
        {
            Content = new StringContent("Action=DescribeVpcs&Version=2016-11-15", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=x");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("<Code>RequestLimitExceeded</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, reached);
    }

    [Fact]
    public async Task CrashAfter_LaterRequests_FailWithoutReachingAws()
    {
        var reached = 0;
        using var invoker = new HttpMessageInvoker(new AwsFaultInjectionHandler(new AwsFaultOptions { CrashAfter = 1 }, new Counting(() => reached++)));

        using var first = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5000/"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<AwsInjectedCrashException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5000/"), CancellationToken.None));

        Assert.Equal(1, reached);
        Assert.Equal("Injected crash: request 2 came after request 1.", error.Message);
    }

    private sealed class Counting(Action onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
