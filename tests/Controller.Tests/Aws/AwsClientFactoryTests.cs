using System.Net;
using System.Text;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsClientFactoryTests
{
    private const string EmptyVpcs =
        """<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><vpcSet/></DescribeVpcsResponse>""";

    private static readonly AwsEnvironment Emulator =
        AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000/"), "eu-west-1", new BasicAWSCredentials("testing", "testing"));

    [Fact]
    public void CreateEc2_EndpointOverride_UsesItWithTheSharedRetryPipelineAndTimeout()
    {
        using var factory = new AwsClientFactory(Emulator with { Retry = new AwsRetryOptions { MaxAttempts = 4, AttemptTimeout = TimeSpan.FromSeconds(12) } });
        using var ec2 = factory.CreateEc2();

        Assert.Equal("http://127.0.0.1:5000/", ec2.Config.ServiceURL);
        Assert.Equal("eu-west-1", ec2.Config.AuthenticationRegion);
        // Retries are the factory's pipeline's (AwsSdkRetryHandler), which signs every attempt afresh.
        Assert.Equal(4, factory.Resilience.Options.MaxAttempts);
        Assert.True(ec2.Config.ResignRetries);
        Assert.Equal(TimeSpan.FromSeconds(12), ec2.Config.Timeout);
    }

    [Fact]
    public void CreateS3_EndpointOverride_UsesPathStyle_RealAwsDoesNot()
    {
        using var emulated = new AwsClientFactory(Emulator);
        using var real = new AwsClientFactory(new AwsEnvironment { Region = "eu-west-1", Credentials = new BasicAWSCredentials("a", "b") });
        using var emulatedS3 = emulated.CreateS3();
        using var realS3 = real.CreateS3();

        Assert.True(((AmazonS3Config)emulatedS3.Config).ForcePathStyle);
        Assert.False(((AmazonS3Config)realS3.Config).ForcePathStyle);
        Assert.Equal("eu-west-1", realS3.Config.RegionEndpoint.SystemName);
        Assert.Null(realS3.Config.ServiceURL);
    }

    [Fact]
    public async Task SdkClient_EveryAttempt_PassesThroughTheCountingHook()
    {
        var calls = 0;
        var network = new Stub(_ => Interlocked.Increment(ref calls) == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent("<Response><Errors><Error><Code>Unavailable</Code></Error></Errors></Response>", Encoding.UTF8, "text/xml"),
            }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(EmptyVpcs, Encoding.UTF8, "text/xml") });
        using var factory = new AwsClientFactory(Emulator, null, null, null, network);
        using var ec2 = factory.CreateEc2();

        await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        Assert.Equal([503, 200], factory.RequestLog.Records().Select(r => r.StatusCode));
        Assert.All(factory.RequestLog.Records(), r => Assert.Equal(("ec2", "DescribeVpcs"), (r.Service, r.Operation)));
    }

    [Fact]
    public void Constructor_InvalidEnvironment_ReportsEveryProblem()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => new AwsClientFactory(new AwsEnvironment { Region = "nowhere" }));

        Assert.Equal(["AWS region 'nowhere' is not a region name like 'eu-west-1': fix AWS_REGION."], error.Errors);
    }

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
