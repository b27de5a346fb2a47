using System.Net;
using System.Text;
using Reconciler.Aws.Protocol;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsJsonProtocolTests
{
    [Fact]
    public async Task InvokeAsync_PostsTargetContentTypeAndJsonBodyToTheRoot()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json("""{"value":7}"""));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var protocol = new AwsJsonProtocol(t.Sender, AwsService.CloudWatchLogs, "Logs_20140328", "1.1");

        var output = await protocol.InvokeAsync<Output>("PutRetentionPolicy", new Input("g", 14), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("Logs_20140328.PutRetentionPolicy", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("""{"logGroupName":"g","retentionInDays":14}""", request.Body);
        Assert.Equal(7, output.Value);
    }

    [Fact]
    public async Task InvokeAsync_JsonVersion10_SendsItsContentType()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json("{}"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var protocol = new AwsJsonProtocol(t.Sender, AwsService.DynamoDb, "DynamoDB_20120810", "1.0");

        await protocol.InvokeAsync(new AwsOperation(AwsService.DynamoDb, "ListTables", Writes: false), new { }, CancellationToken.None);

        Assert.Equal("application/x-amz-json-1.0", Assert.Single(server.Requests).Header("Content-Type"));
    }

    [Fact]
    public void ParseError_QualifiedType_BecomesTypedNotFoundWithCodeStatusAndRequestId()
    {
        var response = Response(400, """{"__type":"com.amazonaws.logs#ResourceNotFoundException","message":"The specified log group does not exist."}""", ("x-amzn-RequestId", "abc-123"));

        var error = AwsJsonProtocol.ParseError(AwsService.CloudWatchLogs, "DeleteLogGroup", response);

        var notFound = Assert.IsType<AwsResourceNotFoundException>(error);
        Assert.Equal("ResourceNotFoundException", notFound.ErrorCode);
        Assert.Equal("abc-123", notFound.RequestId);
        Assert.Equal(
            "AWS logs DeleteLogGroup failed with ResourceNotFoundException (HTTP 400, request id abc-123): The specified log group does not exist.",
            notFound.Message);
    }

    [Fact]
    public void ParseError_ErrorTypeHeader_WinsAndLosesItsSuffix()
    {
        var response = Response(400, """{"message":"exists"}""", ("x-amzn-ErrorType", "ResourceAlreadyExistsException:http://internal.amazon.com/coral/com.amazonaws.logs/"));

        var error = AwsJsonProtocol.ParseError(AwsService.CloudWatchLogs, "CreateLogGroup", response);

        Assert.IsType<AwsResourceAlreadyExistsException>(error);
        Assert.Equal("ResourceAlreadyExistsException", error.ErrorCode);
        Assert.Equal("exists", error.ErrorMessage);
    }

    [Fact]
    public void ParseError_BodyNotJson_NamesTheHttpStatus()
    {
        var error = AwsJsonProtocol.ParseError(AwsService.CloudWatchLogs, "DescribeLogGroups", Response(502, "<html>bad gateway</html>"));

        Assert.Equal("BadGateway", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.RequestId);
    }

    private static AwsHttpResponse Response(int status, string body, params (string Name, string Value)[] headers) =>
        new((HttpStatusCode)status, headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes(body));

    private sealed record Input(
        [property: System.Text.Json.Serialization.JsonPropertyName("logGroupName")] string LogGroupName,
        [property: System.Text.Json.Serialization.JsonPropertyName("retentionInDays")] int RetentionInDays);

    private sealed record Output([property: System.Text.Json.Serialization.JsonPropertyName("value")] int Value);
}
