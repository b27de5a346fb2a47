using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3.Model;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Sandbox;
using Reconciler.Controller.Sandbox.DataPlane;

namespace Reconciler.Bench;

/// <summary>
/// The sandbox data plane's load loop and proxy, on one inference service (penguins "1" out of
/// moto's S3): the rate the synthetic load really keeps for a bounded time at each asked rate,
/// and the latency of requests paced at a rate, sent straight to the service and through the
/// proxy, so the difference is the proxy's overhead at that rate.
/// </summary>
internal static class DataPlaneScenario
{
    private const string Body = """{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[39.1,18.7,181,3750]}]}""";
    private const string Tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/0123456789abcdef";
    private const string Lb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef";

    public static async Task<int> RunAsync(IReadOnlyList<double> rates, TimeSpan loadFor, int pacedRequests)
    {
        await using var moto = await MotoServer.StartAsync("123456789012");
        var aws = AwsEnvironment.ForEndpoint(moto.Endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing"));
        using var factory = new AwsClientFactory(aws, new AwsRequestLog(maxRecords: 0));
        var s3 = factory.CreateS3();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "bench-models" });
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = "bench-models", VersioningConfig = new S3BucketVersioningConfig { Status = "Enabled" } });
        var dll = InferenceLocator.Find();
        var model = await new ModelStore(s3, "bench-models").EnsureAsync(
            "penguins/model.onnx", "1", await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(dll)!, "models", "penguins", "1", "model.onnx")), CancellationToken.None);
        await using var service = await InferenceProcess.StartAsync(dll, moto.Endpoint, "bench-models", model, "penguins", TimeSpan.FromSeconds(120), CancellationToken.None);
        await using var proxy = await WeightedProxy.StartAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), seed: 1, CancellationToken.None);
        proxy.SetBackend(Tg, service.Url);
        proxy.Routes = new ListenerRoutes(Lb, Lb + "/listener", [new TargetRoute(Tg, 1, "1")]);

        Console.WriteLine($"Steady load through the proxy, {loadFor.TotalSeconds:0} s per rate:");
        Console.WriteLine("| asked rate | sent | achieved rate | answered 2xx | failed | skipped (64 open) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var rate in rates)
        {
            var started = Stopwatch.GetTimestamp();
            var load = new SyntheticLoad(proxy.Url, "penguins", rate);
            await Task.Delay(loadFor);
            // Stopping cancels requests still open (counted as failed), so every count is final.
            await load.DisposeAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var sent = load.Sent;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {rate}/s | {sent} | {sent / elapsed:0.0}/s | {load.Succeeded} | {load.Failed} | {load.Skipped} |"));
        }

        proxy.Metrics.Drain();
        foreach (var rate in rates)
        {
            var direct = await PacedAsync(service.Url, rate, pacedRequests);
            var proxied = await PacedAsync(proxy.Url, rate, pacedRequests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Latency at {rate}/s, {pacedRequests} requests each (ms):"));
            Console.WriteLine("| path | p50 | p90 | p99 | max |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine(Row("service directly", direct));
            Console.WriteLine(Row("through the proxy", proxied));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"proxy overhead: p50 +{Percentile(proxied, 0.5) - Percentile(direct, 0.5):0.000} ms, p99 +{Percentile(proxied, 0.99) - Percentile(direct, 0.99):0.000} ms"));
        }

        return 0;
    }

    private static async Task<double[]> PacedAsync(Uri target, double rate, int count)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var infer = new Uri(target, "v2/models/penguins/infer");
        // Warm the connection first: the first request pays for TCP and JIT.
        for (var i = 0; i < 20; i++)
        {
            using var warm = await http.PostAsync(infer, new StringContent(Body, Encoding.UTF8, "application/json"));
        }

        var latencies = new double[count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var sent = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(infer, new StringContent(Body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        }

        return latencies;
    }

    private static string Row(string name, double[] ms) => string.Create(
        CultureInfo.InvariantCulture, $"| {name} | {Percentile(ms, 0.5):0.000} | {Percentile(ms, 0.9):0.000} | {Percentile(ms, 0.99):0.000} | {ms.Max():0.000} |");

    private static double Percentile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
