using System.Net;
using System.Text;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsSdkRetryHandlerTests
{
    private const string EmptyVpcs =
        """<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><vpcSet/></DescribeVpcsResponse>""";

    private const string CreatedRouteTable =
        """<CreateRouteTableResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-2</requestId><routeTable><routeTableId>rtb-1</routeTableId><vpcId>vpc-1</vpcId></routeTable></CreateRouteTableResponse>""";

    // The budget is off: these tests are about the retry policy, not the rate limit, and the jitter is zero so no wait is real.
    private static readonly AwsEnvironment Emulator =
        AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000/"), "us-east-1", new BasicAWSCredentials("testing", "testing"))
        with { Budget = new AwsBudgetOptions { Enabled = false } };

    [Fact]
    public async Task SdkClient_ThrottledTenTimes_RetriesFarBeyondTheStandardThreeAttempts()
    {
        var calls = 0;
        var network = new Answering(_ => Interlocked.Increment(ref calls) <= 10 ? Ec2Error(503, "RequestLimitExceeded") : Ok(EmptyVpcs));
        using var factory = new AwsClientFactory(Emulator, null, null, null, network, random: () => 0.0);
        using var ec2 = factory.CreateEc2();

        await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        Assert.Equal(11, factory.RequestLog.Total);
    }

    [Fact]
    public async Task SdkClient_ThrottledOnEveryAttempt_GivesUpAfterThrottlingMaxAttempts()
    {
        var network = new Answering(_ => Ec2Error(503, "RequestLimitExceeded"));
        var environment = Emulator with { Retry = new AwsRetryOptions { ThrottlingMaxAttempts = 7 } };
        using var factory = new AwsClientFactory(environment, null, null, null, network, random: () => 0.0);
        using var ec2 = factory.CreateEc2();

        var error = await Assert.ThrowsAsync<Amazon.EC2.AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Equal("RequestLimitExceeded", error.ErrorCode);
        Assert.Equal(7, factory.RequestLog.Total);
    }

    [Fact]
    public async Task SdkClient_ServerErrorOnARead_IsRetriedUpToMaxAttempts()
    {
        var network = new Answering(_ => Ec2Error(500, "InternalError"));
        var environment = Emulator with { Retry = new AwsRetryOptions { MaxAttempts = 4 } };
        using var factory = new AwsClientFactory(environment, null, null, null, network, random: () => 0.0);
        using var ec2 = factory.CreateEc2();

        await Assert.ThrowsAsync<Amazon.EC2.AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Equal(4, factory.RequestLog.Total);
    }

    [Fact]
    public async Task SdkClient_CreateVpcAnswerLost_IsNotResentAndReportsTheOutcomeUnknown()
    {
        var network = new Answering(_ => Ec2Error(500, "InternalError"));
        using var factory = new AwsClientFactory(Emulator, null, null, null, network, random: () => 0.0);
        using var ec2 = factory.CreateEc2();

        var error = await Assert.ThrowsAsync<AwsWriteOutcomeUnknownException>(() => ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" }));

        Assert.Equal(("ec2", "CreateVpc"), (error.Call.Service, error.Call.Operation));
        Assert.Equal(1, factory.RequestLog.Total);
    }

    [Fact]
    public async Task SdkClient_ThrottledCreateRouteTable_IsResentWithTheSameClientToken()
    {
        var bodies = new List<string>();
        var network = new Answering(request =>
        {
            lock (bodies)
            {
                bodies.Add(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
                return bodies.Count == 1 ? Ec2Error(503, "RequestLimitExceeded") : Ok(CreatedRouteTable);
            }
        });
        using var factory = new AwsClientFactory(Emulator, null, null, null, network, random: () => 0.0);
        using var ec2 = factory.CreateEc2();

        await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = "vpc-1" });

        Assert.Equal(2, bodies.Count);
        var token = bodies[0].Split('&').Single(p => p.StartsWith("ClientToken=", StringComparison.Ordinal));
        Assert.Equal(token, bodies[1].Split('&').Single(p => p.StartsWith("ClientToken=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SdkClient_DynamoDbPutItemAnswerLost_IsResent()
    {
        var calls = 0;
        var network = new Answering(_ => Interlocked.Increment(ref calls) == 1
            ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
            {
                Content = new StringContent("""{"__type":"InternalServerError","message":"Injected fault."}""", Encoding.UTF8, "application/x-amz-json-1.0"),
            }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") });
        using var factory = new AwsClientFactory(Emulator, null, null, null, network, random: () => 0.0);
        using var dynamoDb = factory.CreateDynamoDb();

        await dynamoDb.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest { TableName = "t", Item = new() { ["k"] = new Amazon.DynamoDBv2.Model.AttributeValue { S = "v" } } });

        Assert.Equal(2, factory.RequestLog.Total);
    }

    private static HttpResponseMessage Ok(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    private static HttpResponseMessage Ec2Error(int status, string code) =>
        new((HttpStatusCode)status)
        {
            Content = new StringContent($"<Response><Errors><Error><Code>{code}</Code><Message>fault</Message></Error></Errors><RequestID>r-9</RequestID></Response>", Encoding.UTF8, "text/xml"),
        };

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
