using System.Diagnostics;
using System.Text;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Sandbox.DataPlane;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Sandbox;

/// <summary>
/// The whole sandbox data plane on the emulator, with the real inference service as child
/// processes: the shipped penguins versions uploaded as labelled object versions, each target
/// group served on the version its tag names, version "3" failing one request in twenty, a
/// retag switching the service, and disposal stopping every child.
/// </summary>
public sealed class SandboxDataPlaneTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>
{
    private const string Bucket = "sandbox-test-models";
    private const string Body = """{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[50,15,220,5000]}]}""";

    /// <summary>Generous: two services load and warm up on a machine other builds share.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task DataPlane_ServesEachTargetGroupsTaggedVersion_Version3FailsOneInTwenty_AndDisposeStopsTheServices()
    {
        var (aws, listener) = await ArrangeAsync(blue: 50, green: 50);
        await listener.TagVersionAsync(listener.GreenArn, "3");
        using var factory = emulator.CreateFactory();
        var plane = await StartAsync(factory);
        int[] pids;
        try
        {
            await WaitForAsync(plane, p => p.Services.Count == 2 && p.Services.Values.All(s => s.IsRunning));
            pids = plane.Services.Values.Select(s => s.ProcessId).ToArray();
            var answers = await SendAsync(plane.Proxy.Url, 400);

            var v1 = answers.Where(a => a.Version == "1").ToArray();
            var v3 = answers.Where(a => a.Version == "3").ToArray();
            Assert.Equal(400, v1.Length + v3.Length);
            Assert.InRange(v3.Length, 140, 260);
            Assert.All(v1, a => Assert.Equal(200, a.Status));
            // Version 3's service counts its own requests: exactly every 20th fails.
            Assert.Equal(v3.Length / 20, v3.Count(a => a.Status == 500));
            Assert.Equal(v3.Length - (v3.Length / 20), v3.Count(a => a.Status == 200));
        }
        finally
        {
            await plane.DisposeAsync();
        }

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"inference service pid {pid} still runs after the data plane was disposed"));
        var versions = (await aws.RunAsync("s3api", "list-object-versions", "--bucket", Bucket, "--prefix", "penguins/model.onnx"))!["Versions"]!.AsArray();
        var labels = new List<string>();
        foreach (var version in versions)
        {
            var head = await aws.RunAsync("s3api", "head-object", "--bucket", Bucket, "--key", "penguins/model.onnx", "--version-id", version!["VersionId"]!.GetValue<string>());
            labels.Add(head!["Metadata"]!["model-version"]!.GetValue<string>());
            Assert.Matches("^[0-9a-f]{64}$", head["Metadata"]!["model-sha256"]!.GetValue<string>());
        }

        Assert.Equal(["1", "2", "3"], labels.Order());
    }

    [Fact]
    public async Task DataPlane_TargetGroupRetagged_SwitchesItsServiceToTheNewVersion()
    {
        var (_, listener) = await ArrangeAsync(blue: 0, green: 100);
        using var factory = emulator.CreateFactory();
        await using var plane = await StartAsync(factory);
        await WaitForAsync(plane, p => p.Services.TryGetValue(listener.GreenArn, out var s) && s.Model.Label == "1");

        await listener.TagVersionAsync(listener.GreenArn, "2");
        await WaitForAsync(plane, p => p.Services.TryGetValue(listener.GreenArn, out var s) && s.Model.Label == "2");
        var answers = await SendAsync(plane.Proxy.Url, 20);

        Assert.All(answers, a => Assert.Equal(("2", 200), (a.Version, a.Status)));
    }

    [Fact]
    public async Task DataPlane_EveryPeriod_PutsWhatTheProxyServedToCloudWatch()
    {
        var (aws, listener) = await ArrangeAsync(blue: 100, green: 0);
        using var factory = emulator.CreateFactory();
        await using var plane = await StartAsync(factory, publishPeriod: TimeSpan.FromSeconds(1));
        await WaitForAsync(plane, p => p.Services.ContainsKey(listener.BlueArn));

        var answers = await SendAsync(plane.Proxy.Url, 50);
        var balancer = ArnSuffix.LoadBalancer(listener.LoadBalancerArn);
        var blue = new TargetRoute(listener.BlueArn, 100, "1").Dimension;
        var waited = Stopwatch.StartNew();
        var published = double.NaN;
        while (published is not 50 && waited.Elapsed < StartBound)
        {
            await Task.Delay(1000);
            published = await AlbMetricsCli.StatisticAsync(aws, "RequestCount", balancer, blue, "Sum");
        }

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(50, published);
        Assert.Equal(0, await AlbMetricsCli.StatisticAsync(aws, "HTTPCode_Target_5XX_Count", balancer, blue, "Sum"));
        Assert.Equal(50, await AlbMetricsCli.StatisticAsync(aws, "TargetResponseTime", balancer, blue, "SampleCount"));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<(string? Version, int Status)[]> SendAsync(Uri proxy, int count)
    {
        using var http = new HttpClient();
        var answers = new (string? Version, int Status)[count];
        for (var i = 0; i < count; i++)
        {
            using var content = new StringContent(Body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(proxy, "v2/models/penguins/infer"), content);
            answers[i] = (response.Headers.TryGetValues("x-model-version", out var v) ? v.Single() : null, (int)response.StatusCode);
        }

        return answers;
    }

    private static async Task WaitForAsync(SandboxDataPlane plane, Func<SandboxDataPlane, bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition(plane))
        {
            if (waited.Elapsed > StartBound)
            {
                throw new TimeoutException($"the data plane did not reach the expected state within {StartBound.TotalSeconds} s");
            }

            await Task.Delay(200);
        }
    }

    private async Task<(AwsCli Aws, WeightedListener Listener)> ArrangeAsync(int blue, int green)
    {
        await emulator.ResetAsync();
        var aws = new AwsCli(emulator.Endpoint);
        await aws.RunAsync("s3api", "create-bucket", "--bucket", Bucket);
        await aws.RunAsync("s3api", "put-bucket-versioning", "--bucket", Bucket, "--versioning-configuration", "Status=Enabled");
        return (aws, await WeightedListener.CreateAsync(aws, blue, green));
    }

    private Task<SandboxDataPlane> StartAsync(AwsClientFactory factory, TimeSpan? publishPeriod = null) => SandboxDataPlane.StartAsync(
        new DataPlaneOptions
        {
            ModelBucket = Bucket,
            ListenerPort = 80,
            LoadPerSecond = 0,
            Proxy = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
            PollInterval = TimeSpan.FromMilliseconds(500),
            Seed = 7,
            PublishPeriod = publishPeriod ?? TimeSpan.FromSeconds(10),
        },
        emulator.Endpoint,
        factory.CreateS3(),
        factory.CreateElasticLoadBalancingV2(),
        factory.CreateCloudWatch(),
        Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        CancellationToken.None);
}
