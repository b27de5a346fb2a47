using System.Net;
using System.Text;
using Reconciler.Aws.Protocol;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsRequestSenderTests
{
    private static readonly AwsHttpRequest Request = new(
        new AwsOperation(AwsService.CloudWatchLogs, "CreateLogGroup", Writes: true), HttpMethod.Post, "/", Encoding.UTF8.GetBytes("""{"logGroupName":"g"}"""), "application/x-amz-json-1.1")
    {
        Headers = new Dictionary<string, string> { ["X-Amz-Target"] = "Logs_20140328.CreateLogGroup" },
    };

    [Fact]
    public async Task SendAsync_ThrottledTwice_RetriesAndSucceeds()
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) <= 2
            ? FakeAnswer.JsonError(400, "ThrottlingException", "Rate exceeded")
            : FakeAnswer.Json("{}"));
        var time = new SignallingTimeProvider();
        var retries = new List<string>();
        using var t = TestSenders.Create(server.Endpoint, time, onRetry: (_, _, reason) => retries.Add(reason));

        var response = await SendAsync(t.Sender);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(["ThrottlingException", "ThrottlingException"], retries);
        Assert.Equal(3, t.Log.CountFor("logs", "CreateLogGroup"));
    }

    [Fact]
    public async Task SendAsync_ThrottledMoreOftenThanMaxAttempts_KeepsRetryingUpToTheThrottlingLimit()
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) <= 5
            ? FakeAnswer.JsonError(400, "ThrottlingException", "Rate exceeded")
            : FakeAnswer.Json("{}"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());

        await SendAsync(t.Sender);

        // MaxAttempts is 3; throttling has a limit of its own (25).
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_IdAssigningCreateWhoseAnswerIsLost_IsNotResent()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.JsonError(500, "InternalFailure", "boom"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var request = new AwsHttpRequest(new AwsOperation(AwsService.Known.First(s => s.SigningName == "apigateway"), "CreateRestApi", Writes: true), HttpMethod.Post, "/restapis", Encoding.UTF8.GetBytes("{}"), "application/json");

        var error = await Assert.ThrowsAsync<AwsWriteOutcomeUnknownException>(() => t.Sender.SendAsync(
            request.Operation.Service, request, r => AwsJsonProtocol.ParseError(request.Operation.Service, "CreateRestApi", r), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal("AWS apigateway CreateRestApi got no usable answer (AWS apigateway CreateRestApi failed with InternalFailure (HTTP 500, request id req-1): boom); it may have been carried out, so it is not sent again blindly.", error.Message);
    }

    [Theory]
    [InlineData("Throttling")]
    [InlineData("TooManyRequestsException")]
    [InlineData("RequestLimitExceeded")]
    [InlineData("ProvisionedThroughputExceededException")]
    [InlineData("SlowDown")]
    public async Task SendAsync_ThrottlingCode_IsRetried(string code)
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) == 1
            ? FakeAnswer.JsonError(400, code, "slow down")
            : FakeAnswer.Json("{}"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());

        await SendAsync(t.Sender);

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_Http429WithoutErrorCode_IsRetried()
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) == 1
            ? new FakeAnswer(429, "Too many", "text/plain")
            : FakeAnswer.Json("{}"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());

        await SendAsync(t.Sender);

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ServerErrorOnEveryAttempt_StopsAtMaxAttemptsAndThrowsIt()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.JsonError(500, "InternalFailure", "boom", "req-500"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => SendAsync(t.Sender));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(3, t.Log.Failures);
    }

    [Fact]
    public async Task SendAsync_NonRetryable400_ThrowsAtOnceWithoutRetrying()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.JsonError(400, "InvalidParameterException", "bad name", "req-42"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => SendAsync(t.Sender));

        Assert.Single(server.Requests);
        Assert.Equal("logs", error.Service);
        Assert.Equal("CreateLogGroup", error.Operation);
        Assert.Equal("InvalidParameterException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("req-42", error.RequestId);
        Assert.Equal("AWS logs CreateLogGroup failed with InvalidParameterException (HTTP 400, request id req-42): bad name", error.Message);
        Assert.DoesNotContain(TestSenders.SecretKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Backoff_WaitsOnTheInjectedClockBeforeRetrying()
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) == 1
            ? FakeAnswer.JsonError(503, "ServiceUnavailableException", "busy")
            : FakeAnswer.Json("{}"));
        var time = new SignallingTimeProvider();
        // Jitter fixed at half: the first backoff is 0.5 × BaseDelay (1 s).
        using var t = TestSenders.Create(server.Endpoint, time, random: () => 0.5);

        var sending = SendAsync(t.Sender);
        await time.WaitForTimerAsync(due => due == TimeSpan.FromMilliseconds(500));

        Assert.Single(server.Requests);
        Assert.False(sending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await sending;
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ServerHangs_TimesOutEachAttemptThenThrowsTimeoutException()
    {
        await using var server = new FakeAwsServer(_ => null);
        var time = new SignallingTimeProvider();
        var retries = new List<string>();
        using var t = TestSenders.Create(server.Endpoint, time, onRetry: (_, _, reason) => retries.Add(reason));

        var sending = SendAsync(t.Sender);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // Once the attempt's timer runs and its request is at the server, let the timeout pass.
            await time.WaitForTimerAsync(due => due == TestSenders.FastRetry.AttemptTimeout);
            await server.WaitForRequestsAsync(attempt);
            time.Advance(TestSenders.FastRetry.AttemptTimeout);
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => sending);
        Assert.Equal("AWS logs CreateLogGroup did not answer within 00:00:30 on any of 3 attempts.", error.Message);
        Assert.Equal(["timeout", "timeout"], retries);
        Assert.Equal(3, t.Log.Records().Count(r => r.StatusCode is null));
    }

    [Fact]
    public async Task SendAsync_NothingListening_RetriesThenThrowsHttpRequestExceptionNamingTheEndpoint()
    {
        Uri endpoint;
        await using (var closed = new FakeAwsServer(_ => FakeAnswer.Json("{}")))
        {
            endpoint = closed.Endpoint;
        }

        var retries = 0;
        using var t = TestSenders.Create(endpoint, new SignallingTimeProvider(), onRetry: (_, _, _) => retries++);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(t.Sender));

        Assert.Equal(2, retries);
        Assert.Equal(3, t.Log.Total);
        Assert.Contains($"could not be reached at {endpoint} on any of 3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_DoesNotRetry()
    {
        await using var server = new FakeAwsServer(_ => null);
        var retries = 0;
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider(), onRetry: (_, _, _) => retries++);
        using var cancel = new CancellationTokenSource();

        var sending = t.Sender.SendAsync(AwsService.CloudWatchLogs, Request, r => AwsJsonProtocol.ParseError(AwsService.CloudWatchLogs, "CreateLogGroup", r), cancel.Token);
        await server.WaitForRequestsAsync(1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(0, retries);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(1, 1.0, 1_000)]
    [InlineData(2, 1.0, 2_000)]
    [InlineData(3, 1.0, 4_000)]
    [InlineData(6, 1.0, 20_000)]
    [InlineData(30, 1.0, 20_000)]
    [InlineData(3, 0.25, 1_000)]
    [InlineData(3, 0.0, 0)]
    public void Backoff_FullJitter_IsRandomShareOfCappedExponential(int attempt, double random, int expectedMilliseconds)
    {
        using var t = TestSenders.Create(new Uri("http://127.0.0.1:1/"), TimeProvider.System, random: () => random);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), t.Sender.Backoff(attempt));
    }

    [Fact]
    public async Task SendAsync_EachAttempt_IsSignedForTheServiceAndRegion()
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) == 1
            ? FakeAnswer.JsonError(500, "InternalFailure", "boom")
            : FakeAnswer.Json("{}"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());

        await SendAsync(t.Sender);

        Assert.All(server.Requests, r =>
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/logs/aws4_request, SignedHeaders=", r.Header("Authorization"), StringComparison.Ordinal);
            Assert.Equal("Logs_20140328.CreateLogGroup", r.Header("X-Amz-Target"));
        });
    }

    private static Task<AwsHttpResponse> SendAsync(AwsRequestSender sender) =>
        sender.SendAsync(
            AwsService.CloudWatchLogs,
            Request,
            r => AwsJsonProtocol.ParseError(AwsService.CloudWatchLogs, "CreateLogGroup", r),
            CancellationToken.None);
}
