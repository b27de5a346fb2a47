using System.Net;
using System.Text;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Injects faults into AWS requests by configured shares and a seed (<see cref="AwsFaultOptions"/>):
/// throttling in each protocol's own error form, server errors, latency, lost write answers (the
/// request reaches AWS and is carried out; the client sees a 500) and a crash after request k.
/// It sits inside the counting handler, so every injected answer counts as a request made, and
/// inside the budget handler, so injected throttling slows the budget down as real throttling
/// does. Only in the chain when faults are configured.
/// </summary>
internal sealed class AwsFaultInjectionHandler : DelegatingHandler
{
    private readonly AwsFaultOptions _options;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private int _requests;

    public AwsFaultInjectionHandler(AwsFaultOptions options, HttpMessageHandler inner)
        : base(inner)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        double roll;
        double lostRoll;
        int number;
        lock (_gate)
        {
            number = ++_requests;
            roll = _random.NextDouble();
            lostRoll = _random.NextDouble();
        }

        if (_options.CrashAfter is { } crashAfter && number > crashAfter)
        {
            throw new AwsInjectedCrashException(number, crashAfter);
        }

        if (_options.LatencyMs > 0)
        {
            await Task.Delay(_options.LatencyMs, cancellationToken).ConfigureAwait(false);
        }

        var service = AwsRequestClassifier.ServiceOf(request);
        if (roll < _options.Throttle)
        {
            return Throttled(service, request);
        }

        if (roll < _options.Throttle + _options.Error5xx)
        {
            return ServerError(service, request, roll < _options.Throttle + (_options.Error5xx / 2) ? 500 : 503);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (lostRoll < _options.LostWrites && response.IsSuccessStatusCode
            && (await AwsOperations.IdentifyAsync(request, cancellationToken).ConfigureAwait(false)).Writes != false)
        {
            // Carried out by AWS, but the answer never reaches the client.
            response.Dispose();
            return ServerError(service, request, 500);
        }

        return response;
    }

    private static HttpResponseMessage Throttled(string service, HttpRequestMessage request) => ProtocolOf(service, request) switch
    {
        Protocol.Ec2 => Xml(503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>fault</RequestID></Response>"),
        Protocol.S3 => Xml(503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>fault</RequestId></Error>"),
        Protocol.Json when service == "dynamodb" => Json(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", "Throughput exceeded"),
        Protocol.Json => Json(400, "ThrottlingException", "Rate exceeded"),
        Protocol.RestJson => RestJson(429, "TooManyRequestsException", "Too Many Requests"),
        _ => Xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault</RequestId></ErrorResponse>"),
    };

    private static HttpResponseMessage ServerError(string service, HttpRequestMessage request, int status)
    {
        var code = status == 500 ? "InternalError" : "ServiceUnavailable";
        return ProtocolOf(service, request) switch
        {
            Protocol.Ec2 => Xml(status, $"<Response><Errors><Error><Code>{code}</Code><Message>Injected fault.</Message></Error></Errors><RequestID>fault</RequestID></Response>"),
            Protocol.S3 => Xml(status, $"<Error><Code>{code}</Code><Message>Injected fault.</Message><RequestId>fault</RequestId></Error>"),
            Protocol.Json => Json(status, status == 500 ? "InternalServerError" : "ServiceUnavailableException", "Injected fault."),
            Protocol.RestJson => RestJson(status, status == 500 ? "InternalFailure" : "ServiceUnavailableException", "Injected fault."),
            _ => Xml(status, $"<ErrorResponse><Error><Type>Receiver</Type><Code>{code}</Code><Message>Injected fault.</Message></Error><RequestId>fault</RequestId></ErrorResponse>"),
        };
    }

    // The wire form decides the error form: EC2 and S3 have their own XML, JSON protocols name an X-Amz-Target, the rest-json services are called by path, the rest speak query.
    private static Protocol ProtocolOf(string service, HttpRequestMessage request) =>
        service switch
        {
            "ec2" => Protocol.Ec2,
            "s3" => Protocol.S3,
            _ when request.Headers.Contains("X-Amz-Target") => Protocol.Json,
            _ when request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded" => Protocol.Query,
            _ when request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath is "/" or "" => Protocol.Query,
            _ => Protocol.RestJson,
        };

    private static HttpResponseMessage Xml(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    private static HttpResponseMessage Json(int status, string type, string message) =>
        new((HttpStatusCode)status)
        {
            Content = new StringContent($$"""{"__type":"{{type}}","message":"{{message}}"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
        };

    private static HttpResponseMessage RestJson(int status, string type, string message)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent($$"""{"message":"{{message}}"}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", type);
        return response;
    }

    private enum Protocol
    {
        Query,
        Ec2,
        S3,
        Json,
        RestJson,
    }
}
