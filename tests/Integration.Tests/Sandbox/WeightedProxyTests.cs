using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Reconciler.Controller.Sandbox.DataPlane;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Sandbox;

/// <summary>
/// The sandbox's load balancer stand-in against the emulator: it splits requests by the
/// listener's weights as moto holds them, follows weights changed with the aws CLI, and the
/// metrics it puts to CloudWatch read back (with the CLI) as the counts it served.
/// </summary>
public sealed class WeightedProxyTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>
{
    private const int Requests = 1000;

    [Fact]
    public async Task Proxy_SplitsRequestsByTheListenersWeightsInTheEmulator()
    {
        await using var setup = await ProxySetup.StartAsync(emulator, blue: 80, green: 20);

        var served = await setup.SendAsync(Requests);

        // A fixed seed makes the split reproducible; the bounds are ±5 points (4 standard deviations at 1000 draws) anyway.
        Assert.InRange(served["green"], 150, 250);
        Assert.Equal(Requests, served["blue"] + served["green"]);
    }

    [Fact]
    public async Task Proxy_WeightsChangedWithModifyListener_AreFollowed()
    {
        await using var setup = await ProxySetup.StartAsync(emulator, blue: 100, green: 0);
        var before = await setup.SendAsync(200);

        await setup.Listener.ModifyAsync(blue: 0, green: 100);
        await setup.RefreshAsync();
        var after = await setup.SendAsync(200);
        await setup.Listener.ModifyAsync(blue: 50, green: 50);
        await setup.RefreshAsync();
        var even = await setup.SendAsync(Requests);

        Assert.Equal((200, 0), (before["blue"], before["green"]));
        Assert.Equal((0, 200), (after["blue"], after["green"]));
        Assert.InRange(even["green"], 450, 550);
    }

    [Fact]
    public async Task Proxy_NoWeightAnywhere_AnswersItsOwn503CountedAsTheLoadBalancers()
    {
        await using var setup = await ProxySetup.StartAsync(emulator, blue: 0, green: 0);

        var served = await setup.SendAsync(10);

        Assert.Equal(10, served["503"]);
        Assert.Equal(10, setup.Proxy.Metrics.Drain().Elb5xx);
    }

    [Fact]
    public async Task Metrics_PutToCloudWatch_ReadBackWithTheCliAsTheCountsServed()
    {
        // Green fails every 4th request it gets.
        await using var setup = await ProxySetup.StartAsync(emulator, blue: 60, green: 40, greenFailsEvery: 4);
        var served = await setup.SendAsync(400);
        var routes = setup.Proxy.Routes!;
        var period = setup.Proxy.Metrics.Drain();
        using var factory = emulator.CreateFactory();
        await new AlbMetricsPublisher(factory.CreateCloudWatch()).PublishAsync(period, routes.LoadBalancerDimension, DateTimeOffset.UtcNow, CancellationToken.None);

        var blue = routes.Targets.Single(t => t.TargetGroupArn == setup.Listener.BlueArn);
        var green = routes.Targets.Single(t => t.TargetGroupArn == setup.Listener.GreenArn);
        var greenServed = served["green"] + served["500"];
        Assert.Equal(served["blue"], await SumAsync(setup.Aws, "RequestCount", routes.LoadBalancerDimension, blue.Dimension, "Sum"));
        Assert.Equal(greenServed, await SumAsync(setup.Aws, "RequestCount", routes.LoadBalancerDimension, green.Dimension, "Sum"));
        Assert.Equal(greenServed / 4, await SumAsync(setup.Aws, "HTTPCode_Target_5XX_Count", routes.LoadBalancerDimension, green.Dimension, "Sum"));
        Assert.Equal(0, await SumAsync(setup.Aws, "HTTPCode_Target_5XX_Count", routes.LoadBalancerDimension, blue.Dimension, "Sum"));
        // One raw sample per request, in seconds.
        Assert.Equal(served["blue"], await SumAsync(setup.Aws, "TargetResponseTime", routes.LoadBalancerDimension, blue.Dimension, "SampleCount"));
        Assert.InRange(await StatisticAsync(setup.Aws, "TargetResponseTime", routes.LoadBalancerDimension, blue.Dimension, "Average"), 0.000001, 1.0);
        Assert.StartsWith("app/web-", routes.LoadBalancerDimension, StringComparison.Ordinal);
        Assert.StartsWith("targetgroup/green-", green.Dimension, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_AddressTaken_FailsNamingTheAddressAndTheOption()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var endpoint = (IPEndPoint)taken.LocalEndpoint;

        var error = await Assert.ThrowsAsync<DataPlaneException>(() => WeightedProxy.StartAsync(endpoint, seed: 1, CancellationToken.None));

        Assert.Contains($"cannot listen on {endpoint}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
        Assert.Contains("--sandbox-proxy", error.Message, StringComparison.Ordinal);
    }

    private static Task<double> SumAsync(AwsCli aws, string metric, string balancer, string group, string statistic) =>
        AlbMetricsCli.StatisticAsync(aws, metric, balancer, group, statistic);

    private static Task<double> StatisticAsync(AwsCli aws, string metric, string balancer, string group, string statistic) =>
        AlbMetricsCli.StatisticAsync(aws, metric, balancer, group, statistic);
}
