using System.Net;
using System.Text;
using Reconciler.Aws.Protocol;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsQueryProtocolTests
{
    private const string DescribeAnswer =
        """
        <DescribeTargetGroupsResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
          <DescribeTargetGroupsResult>
            <TargetGroups><member><TargetGroupName>blue</TargetGroupName></member></TargetGroups>
          </DescribeTargetGroupsResult>
          <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
        </DescribeTargetGroupsResponse>
        """;

    [Fact]
    public async Task InvokeAsync_PostsFormWithActionVersionAndParameters_ReturnsResultWithoutNamespaces()
    {
        await using var server = new FakeAwsServer(_ => new FakeAnswer(200, DescribeAnswer, "text/xml"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var protocol = new AwsQueryProtocol(t.Sender, AwsService.ElasticLoadBalancingV2, "2015-12-01");
        var parameters = new AwsQueryParameters()
            .AddList("Names.member", ["blue", "green one"])
            .AddPairs("Tags.member", [new("team", "ml/ops")])
            .Add("PageSize", 10L);

        var result = await protocol.InvokeAsync("DescribeTargetGroups", parameters, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(
            "Action=DescribeTargetGroups&Version=2015-12-01&Names.member.1=blue&Names.member.2=green%20one"
            + "&Tags.member.1.Key=team&Tags.member.1.Value=ml%2Fops&PageSize=10",
            request.Body);
        Assert.Contains("/elasticloadbalancing/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("blue", result.Element("TargetGroups")!.Element("member")!.Element("TargetGroupName")!.Value);
        Assert.Equal(1, t.Log.CountFor("elasticloadbalancing", "DescribeTargetGroups"));
    }

    [Fact]
    public void ParseError_ErrorResponse_BecomesTypedExceptionWithBodyRequestId()
    {
        const string body =
            """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name r cannot be found.</Message></Error>
              <RequestId>iam-req-9</RequestId>
            </ErrorResponse>
            """;

        var error = AwsQueryProtocol.ParseError(AwsService.Iam, "GetRole", Response(404, body));

        Assert.IsType<AwsResourceNotFoundException>(error);
        Assert.Equal("NoSuchEntity", error.ErrorCode);
        Assert.Equal("iam-req-9", error.RequestId);
        Assert.Equal("AWS iam GetRole failed with NoSuchEntity (HTTP 404, request id iam-req-9): The role with name r cannot be found.", error.Message);
    }

    [Fact]
    public void ParseError_Ec2StyleErrors_AreReadToo()
    {
        const string body =
            "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>ec2-1</RequestID></Response>";

        var error = AwsQueryProtocol.ParseError(AwsService.Ec2, "DescribeVpcs", Response(503, body));

        Assert.Equal("RequestLimitExceeded", error.ErrorCode);
        Assert.Equal("ec2-1", error.RequestId);
        Assert.True(AwsErrorCodes.IsRetryable(error.ErrorCode, (int)error.StatusCode));
    }

    [Fact]
    public async Task InvokeAsync_ThrottlingErrorResponse_IsRetried()
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) == 1
            ? new FakeAnswer(400, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>", "text/xml")
            : new FakeAnswer(200, "<GetThingResponse><GetThingResult><Name>x</Name></GetThingResult></GetThingResponse>", "text/xml"));
        using var t = TestSenders.Create(server.Endpoint, new SignallingTimeProvider());
        var protocol = new AwsQueryProtocol(t.Sender, AwsService.AutoScaling, "2011-01-01");

        var result = await protocol.InvokeAsync(new AwsOperation(AwsService.AutoScaling, "GetThing", Writes: false), [], CancellationToken.None);

        Assert.Equal("x", result.Element("Name")!.Value);
        Assert.Equal(2, server.Requests.Count);
    }

    private static AwsHttpResponse Response(int status, string body) =>
        new((HttpStatusCode)status, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body));
}
