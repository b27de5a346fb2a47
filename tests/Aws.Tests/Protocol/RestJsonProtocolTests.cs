using System.Net;
using System.Text.Json;
using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Aws.Clients.Lambda;
using Reconciler.Aws.Protocol;

namespace Reconciler.Aws.Tests.Protocol;

public sealed class RestJsonProtocolTests
{
    private static readonly AwsOperation Probe = new(AwsService.Lambda, "Probe", Writes: false);

    [Fact]
    public async Task RestJson_PutsUriLabelsInThePathPercentEncodedAndQueryMembersInTheQueryString()
    {
        using var aws = FakeAws.Json("""{"Configuration":{"FunctionName":"my fn","Version":"3","LastModified":"2026-11-26T12:00:00.000+0000"}}""");

        var answer = await aws.Clients.CreateLambda().GetFunctionAsync(new GetFunctionRequest { FunctionName = "my fn:x/y", Qualifier = "3" });

        Assert.Equal("GET", aws.Request.Method);
        Assert.Equal("/2015-03-31/functions/my%20fn%3Ax%2Fy?Qualifier=3", aws.Request.PathAndQuery);
        Assert.Equal(string.Empty, aws.Request.Body);
        Assert.Equal("3", answer.Configuration!.Version);
    }

    [Fact]
    public async Task RestJson_SendsTheOtherMembersAsTheJsonBody()
    {
        using var aws = new FakeAws(_ => RecordingHandler.Answer(HttpStatusCode.Created, """{"FunctionName":"f","CodeSize":12}""", "application/json"));

        var answer = await aws.Clients.CreateLambda().CreateFunctionAsync(new CreateFunctionRequest
        {
            FunctionName = "f",
            Role = "arn:role",
            Code = new FunctionCode { ZipFile = [1, 2, 3] },
            Environment = new Clients.Lambda.Environment { Variables = new Dictionary<string, string> { ["MODEL"] = "v2" } },
        });

        Assert.Equal("POST", aws.Request.Method);
        Assert.Equal("/2015-03-31/functions", aws.Request.PathAndQuery);
        Assert.Equal("""{"FunctionName":"f","Role":"arn:role","Code":{"ZipFile":"AQID"},"Environment":{"Variables":{"MODEL":"v2"}}}""", aws.Request.Body);
        Assert.Equal(12, answer.CodeSize);
    }

    [Fact]
    public async Task RestJson_UsesTheModelsJsonNamesAndRepeatsListQueryMembers()
    {
        using var aws = FakeAws.Json("""{"position":"p2","item":[{"id":"a1","name":"api"}]}""");
        var gateway = aws.Clients.CreateApiGateway();

        var page = await gateway.GetRestApisAsync(new GetRestApisRequest { Limit = 5, Position = "p1" });
        await gateway.UntagResourceAsync(new Clients.ApiGateway.UntagResourceRequest { ResourceArn = "arn:aws:apigateway:us-east-1::/restapis/a1", TagKeys = ["a", "b c"] });

        Assert.Equal("p2", page.Position);
        Assert.Equal("api", Assert.Single(page.Items!).Name);
        Assert.Equal("/restapis?position=p1&limit=5", aws.Handler.Requests[0].PathAndQuery);
        Assert.Equal("/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fa1?tagKeys=a&tagKeys=b%20c", aws.Handler.Requests[1].PathAndQuery);
        Assert.Equal("DELETE", aws.Handler.Requests[1].Method);
    }

    [Fact]
    public async Task RestJson_ReadsTheStatusCodeIntoItsMemberAndAcceptsAnEmptyBody()
    {
        using var aws = new FakeAws(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        var answer = await aws.Clients.CreateLambda().DeleteFunctionAsync(new DeleteFunctionRequest { FunctionName = "f" });

        Assert.Equal(204, answer.StatusCode);
        Assert.Equal("DELETE", aws.Request.Method);
    }

    [Fact]
    public void RestJson_KeepsTheSlashesOfAGreedyLabelAndWritesHeaderTimestampsAsRfc1123()
    {
        var binding = new AwsRestBinding("PUT", "/things/{Key+}/{Id}?versioning", 200);

        var request = AwsRestJsonProtocol.BuildRequest(Probe, binding, new ProbeRequest
        {
            Key = "a b/c:d",
            Id = "x/y",
            Since = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero),
            Meta = new Dictionary<string, string> { ["team"] = "ml" },
            Name = "n",
        });

        Assert.Equal("/things/a%20b/c%3Ad/x%2Fy", request.Path);
        Assert.Equal("versioning", request.Query);
        Assert.Equal("Thu, 26 Nov 2026 12:00:00 GMT", request.Headers["If-Modified-Since"]);
        Assert.Equal("ml", request.Headers["x-amz-meta-team"]);
        Assert.Equal("""{"name":"n"}""", System.Text.Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public void RestJson_ReadsHeaderMembersFromTheAnswer()
    {
        var response = new AwsHttpResponse(
            HttpStatusCode.OK,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Last-Modified"] = "Thu, 26 Nov 2026 12:00:00 GMT" },
            """{"name":"n"}"""u8.ToArray());

        var answer = AwsRestJsonProtocol.ReadResponse<ProbeRequest>(response);

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), answer.Modified);
        Assert.Equal("n", answer.Name);
    }

    /// <summary>A shape with every rest-json location, as the generator would write it.</summary>
    private sealed record ProbeRequest
    {
        [System.Text.Json.Serialization.JsonIgnore]
        [AwsMember("Key", Location = AwsLocation.Uri)]
        public string? Key { get; init; }

        [System.Text.Json.Serialization.JsonIgnore]
        [AwsMember("Id", Location = AwsLocation.Uri)]
        public string? Id { get; init; }

        [System.Text.Json.Serialization.JsonIgnore]
        [AwsMember("If-Modified-Since", Location = AwsLocation.Header)]
        public DateTimeOffset? Since { get; init; }

        [System.Text.Json.Serialization.JsonIgnore]
        [AwsMember("Last-Modified", Location = AwsLocation.Header)]
        public DateTimeOffset? Modified { get; init; }

        [System.Text.Json.Serialization.JsonIgnore]
        [AwsMember("x-amz-meta-", Location = AwsLocation.Headers)]
        public IReadOnlyDictionary<string, string>? Meta { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("name")]
        public string? Name { get; init; }
    }
}
