using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>
/// The request budget as the clients meet it: official SDK and own clients from one factory,
/// a fake AWS on 127.0.0.1, every wait a timer on the fake clock.
/// </summary>
public sealed class AwsClientFactoryBudgetTests
{
    private const string EmptyVpcs =
        """<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><vpcSet/></DescribeVpcsResponse>""";

    private static readonly AwsServiceBudget OnePerSecondBurstOne = new() { RequestsPerSecond = 1, Burst = 1 };

    [Fact]
    public async Task OwnClient_BurstBeyondTheBucket_WaitsForTokensOnTheInjectedClock()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json(""));
        var time = new SignallingTimeProvider();
        using var factory = Factory(server, time, new AwsBudgetOptions().WithService("logs", new AwsServiceBudget { RequestsPerSecond = 1, Burst = 2 }));
        var logs = factory.CreateCloudWatchLogs();

        await logs.DeleteLogGroupAsync(new() { LogGroupName = "/a" });
        await logs.DeleteLogGroupAsync(new() { LogGroupName = "/b" });
        var third = logs.DeleteLogGroupAsync(new() { LogGroupName = "/c" });

        Assert.Equal(TimeSpan.FromSeconds(1), await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1)));
        Assert.Equal(2, server.Requests.Count);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await third;
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, factory.RequestLog.CountFor("logs", "DeleteLogGroup"));
    }

    [Fact]
    public async Task TwoSdkClientsOfOneFactory_ShareTheServicesBudget()
    {
        await using var server = new FakeAwsServer(_ => new FakeAnswer(200, EmptyVpcs, "text/xml"));
        var time = new SignallingTimeProvider();
        using var factory = Factory(server, time, new AwsBudgetOptions().WithService("ec2", OnePerSecondBurstOne));
        using var first = factory.CreateEc2();
        using var second = factory.CreateEc2();

        await first.DescribeVpcsAsync(new DescribeVpcsRequest());
        var waiting = second.DescribeVpcsAsync(new DescribeVpcsRequest());

        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
        Assert.Single(server.Requests);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting;
        Assert.Equal(2, factory.RequestLog.CountFor("ec2", "DescribeVpcs"));
    }

    [Fact]
    public async Task SharedBudget_TwoFactories_DrawFromTheSameBuckets()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json(""));
        var time = new SignallingTimeProvider();
        var budget = new AwsRequestBudget(new AwsBudgetOptions().WithService("logs", OnePerSecondBurstOne), time);
        using var daemon = new AwsClientFactory(Environment(server), null, time, budget);
        using var cli = new AwsClientFactory(Environment(server), null, time, budget);

        await daemon.CreateCloudWatchLogs().DeleteLogGroupAsync(new() { LogGroupName = "/a" });
        var waiting = cli.CreateCloudWatchLogs().DeleteLogGroupAsync(new() { LogGroupName = "/b" });

        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting;
        Assert.Same(budget, cli.Budget);
    }

    [Fact]
    public async Task OwnClient_ThrottlingAnswer_HalvesThatServiceAndLeavesTheOthers()
    {
        await using var server = new FakeAwsServer(r => r.Header("X-Amz-Target") is not null
            ? FakeAnswer.JsonError(400, "ThrottlingException", "Rate exceeded")
            : new FakeAnswer(200, EmptyVpcs, "text/xml"));
        using var factory = Factory(server, new SignallingTimeProvider(), new AwsBudgetOptions());
        using var ec2 = factory.CreateEc2();

        await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() => factory.CreateCloudWatchLogs().DeleteLogGroupAsync(new() { LogGroupName = "/a" }));

        // The body was read for the code and still reached the client intact.
        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal(5, factory.Budget.CurrentRate("logs"));
        Assert.Equal(20, factory.Budget.CurrentRate("ec2"));
        Assert.Equal((1, 0), (factory.Budget.ThrottledCount("logs"), factory.Budget.ThrottledCount("ec2")));
    }

    [Fact]
    public async Task SdkClient_Ec2RequestLimitExceeded_HalvesEc2AndTheSdkStillReadsTheError()
    {
        await using var server = new FakeAwsServer(_ => new FakeAnswer(
            503,
            "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-2</RequestID></Response>",
            "text/xml"));
        using var factory = Factory(server, new SignallingTimeProvider(), new AwsBudgetOptions());
        using var ec2 = factory.CreateEc2();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Equal("RequestLimitExceeded", error.ErrorCode);
        Assert.Equal(10, factory.Budget.CurrentRate("ec2"));
        Assert.Equal(10, factory.Budget.CurrentRate("logs"));
    }

    [Fact]
    public async Task ThrottledService_AfterQuietPeriods_RecoversToTheConfiguredRate()
    {
        var calls = 0;
        await using var server = new FakeAwsServer(_ => Interlocked.Increment(ref calls) == 1
            ? FakeAnswer.JsonError(400, "ThrottlingException", "Rate exceeded")
            : FakeAnswer.Json(""));
        var time = new SignallingTimeProvider();
        using var factory = Factory(server, time, new AwsBudgetOptions());
        var logs = factory.CreateCloudWatchLogs();
        await Assert.ThrowsAsync<AwsThrottlingException>(() => logs.DeleteLogGroupAsync(new() { LogGroupName = "/a" }));
        Assert.Equal(5, factory.Budget.CurrentRate("logs"));

        time.Advance(TimeSpan.FromSeconds(5));
        await logs.DeleteLogGroupAsync(new() { LogGroupName = "/a" });
        Assert.Equal(6, factory.Budget.CurrentRate("logs"));
        time.Advance(TimeSpan.FromSeconds(20));

        var snapshot = Assert.Single(factory.Budget.Snapshot());
        Assert.Equal(new AwsServiceBudgetSnapshot("logs", 10, 10, 20, 1, 0), snapshot);
    }

    [Fact]
    public async Task OwnClient_CancelledWhileWaitingForAToken_ThrowsAtOnceAndSendsNothing()
    {
        await using var server = new FakeAwsServer(_ => FakeAnswer.Json(""));
        var time = new SignallingTimeProvider();
        using var factory = Factory(server, time, new AwsBudgetOptions().WithService("logs", OnePerSecondBurstOne));
        var logs = factory.CreateCloudWatchLogs();
        await logs.DeleteLogGroupAsync(new() { LogGroupName = "/a" });
        using var cancel = new CancellationTokenSource();
        var waiting = logs.DeleteLogGroupAsync(new() { LogGroupName = "/b" }, cancel.Token);
        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));

        await cancel.CancelAsync();

        // No clock advance: the wait ends on cancellation alone.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Single(server.Requests);
        Assert.Equal(1, factory.RequestLog.Total);
    }

    [Fact]
    public void Constructor_InvalidBudget_ReportsItWithTheOtherProblems()
    {
        var environment = AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000/")) with
        {
            Budget = new AwsBudgetOptions().WithService("logs", new AwsServiceBudget { RequestsPerSecond = 10, Burst = 0 }),
        };

        var error = Assert.Throws<AwsConfigurationException>(() => new AwsClientFactory(environment));

        Assert.Equal(["Budget for service 'logs' Burst is 0; set it to at least 1, such as 20."], error.Errors);
    }

    private static AwsEnvironment Environment(FakeAwsServer server) =>
        AwsEnvironment.ForEndpoint(server.Endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing")) with
        {
            // One attempt, throttling included: these tests watch the budget, not the retries.
            Retry = new AwsRetryOptions { MaxAttempts = 1, ThrottlingMaxAttempts = 1 },
        };

    private static AwsClientFactory Factory(FakeAwsServer server, TimeProvider time, AwsBudgetOptions budget) =>
        new(Environment(server) with { Budget = budget }, null, time);
}
