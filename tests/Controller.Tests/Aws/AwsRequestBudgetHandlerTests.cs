using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>Throttling as each protocol puts it on the wire, seen by the handler without taking the body from the caller.</summary>
public sealed class AwsRequestBudgetHandlerTests
{
    [Theory]
    [InlineData(429, "text/plain", "Too many requests", null, true)]
    [InlineData(400, "application/x-amz-json-1.1", """{"__type":"com.amazonaws.logs#ThrottlingException","message":"Rate exceeded"}""", null, true)]
    [InlineData(400, "application/x-amz-json-1.1", "{}", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/", true)]
    [InlineData(400, "application/x-amz-json-1.0", """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"}""", null, true)]
    [InlineData(400, "application/json", """{"code":"TooManyRequestsException"}""", null, true)]
    [InlineData(503, "text/xml", "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>", null, true)]
    [InlineData(503, "application/xml", """<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>""", null, true)]
    [InlineData(400, "text/xml", """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>""", null, true)]
    [InlineData(400, "application/x-amz-json-1.1", """{"__type":"InvalidParameterException","message":"bad"}""", null, false)]
    [InlineData(400, "application/x-amz-json-1.1", """{"__type":"LimitExceededException","message":"quota"}""", null, false)]
    [InlineData(503, "text/xml", "<Response><Errors><Error><Code>Unavailable</Code></Error></Errors></Response>", null, false)]
    [InlineData(500, "application/x-amz-json-1.1", """{"__type":"ThrottlingException"}""", null, false)]
    [InlineData(400, "text/html", "<html><body>proxy error</body>", null, false)]
    [InlineData(200, "application/x-amz-json-1.1", """{"__type":"ThrottlingException"}""", null, false)]
    public async Task SendAsync_Answer_CutsTheRateOnlyWhenItSaysThrottling(int status, string contentType, string body, string? errorTypeHeader, bool throttled)
    {
        var budget = new AwsRequestBudget(null, new SignallingTimeProvider());
        using var invoker = new HttpMessageInvoker(new AwsRequestBudgetHandler(budget, new Stub(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status)
            {
                // A stream, as from the network: the handler must buffer it to read it.
                Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
            };
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            if (errorTypeHeader is not null)
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorTypeHeader);
            }

            return response;
        })));
        using var request = Signed("logs");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal(throttled ? 5 : 10, budget.CurrentRate("logs"));
        Assert.Equal(throttled ? 1 : 0, budget.ThrottledCount("logs"));
    }

    [Fact]
    public async Task SendAsync_UnsignedRequest_DrawsFromTheUnknownServicesBudget()
    {
        var budget = new AwsRequestBudget(null, new SignallingTimeProvider());
        using var invoker = new HttpMessageInvoker(new AwsRequestBudgetHandler(budget, new Stub(_ => new HttpResponseMessage(HttpStatusCode.TooManyRequests))));
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5000/");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal("unknown", Assert.Single(budget.Snapshot()).Service);
        Assert.Equal(1, budget.ThrottledCount("unknown"));
    }

    private static HttpRequestMessage Signed(string service)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5000/");
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "AWS4-HMAC-SHA256", $"Credential=AKID/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
        return request;
    }

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
