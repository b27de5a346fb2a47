using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using LibGit2Sharp;
using Reconciler.Controller.Aws;
using Reconciler.Aws.Clients.CloudWatchLogs;
using Reconciler.Controller.Cli;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Bench;

/// <summary>
/// The daemon on desired-state/dev against moto, following a local git repository:
/// commit-to-converged latency (triggered, and by the poll interval alone), drift-to-alert
/// latency, and the process's memory over a long run of cycles.
/// </summary>
internal static class DaemonScenario
{
    public static async Task<int> RunAsync(string directory, TimeSpan soak, int samples)
    {
        await using var moto = await MotoServer.StartAsync("123456789012");
        var aws = AwsEnvironment.ForEndpoint(moto.Endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing"));
        var repo = Path.Combine(Path.GetTempPath(), "reconciler-bench-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(repo, "desired-state", "dev");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(directory, "*.yaml"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        Repository.Init(repo);
        var first = Commit(repo, "dev stack");
        using var webhook = new HttpListener();
        var webhookPort = MotoProcess.FindFreePort();
        webhook.Prefixes.Add($"http://127.0.0.1:{webhookPort}/");
        webhook.Start();
        var alerts = new List<(DateTime At, JsonNode Body)>();
        _ = Task.Run(async () =>
        {
            while (webhook.IsListening)
            {
                try
                {
                    var context = await webhook.GetContextAsync();
                    using var reader = new StreamReader(context.Request.InputStream);
                    var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
                    lock (alerts)
                    {
                        alerts.Add((DateTime.UtcNow, body));
                    }

                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
            }
        });

        var port = MotoProcess.FindFreePort();
        using var stop = new CancellationTokenSource();
        string[] run =
        [
            "run", repo, "--path", "desired-state/dev", "--interval", "5s", "--listen", $"127.0.0.1:{port}", "--log-format", "text",
            "--webhook", $"http://127.0.0.1:{webhookPort}/",
        ];
        var daemon = Task.Run(() => ReconcilerCli.RunAsync(run, new CliEnvironment { Output = TextWriter.Null, Errors = TextWriter.Null, Aws = aws }, stop.Token));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var factory = new AwsClientFactory(aws);
        var logs = factory.CreateCloudWatchLogs();

        await UntilAsync(async () => await AppliedAsync(http) == first, TimeSpan.FromMinutes(3));
        Console.WriteLine("| measure | samples | median | min | max |");
        Console.WriteLine("|---|---|---|---|---|");

        var retention = 14;
        async Task<double> CommitAndWaitAsync(bool trigger)
        {
            retention = retention == 14 ? 30 : 14;
            var stack = Path.Combine(folder, "stack.yaml");
            File.WriteAllText(stack, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(stack), "logRetention: \\d+", $"logRetention: {retention}"));
            var sha = Commit(repo, $"retention {retention}");
            var watch = Stopwatch.StartNew();
            if (trigger)
            {
                (await http.PostAsync("trigger", null)).EnsureSuccessStatusCode();
            }

            await UntilAsync(async () => await AppliedAsync(http) == sha, TimeSpan.FromMinutes(2));
            return watch.Elapsed.TotalMilliseconds;
        }

        Report("commit to converged, POST /trigger", [.. await RepeatAsync(samples, () => CommitAndWaitAsync(trigger: true))]);
        Report("commit to converged, 5 s poll interval", [.. await RepeatAsync(samples, () => CommitAndWaitAsync(trigger: false))]);

        async Task<double> DriftAndWaitAsync()
        {
            int before;
            lock (alerts)
            {
                before = alerts.Count(a => (string?)a.Body["type"] == "drift");
            }

            await logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = "/ml-platform-dev/controller", RetentionInDays = 60 });
            var watch = Stopwatch.StartNew();
            (await http.PostAsync("trigger", null)).EnsureSuccessStatusCode();
            await UntilAsync(() => Task.FromResult(Count(alerts, "drift") > before), TimeSpan.FromMinutes(2));
            var took = watch.Elapsed.TotalMilliseconds;

            // Put it back and let the alert resolve before the next sample.
            var resolved = Count(alerts, "drift-resolved");
            await logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = "/ml-platform-dev/controller", RetentionInDays = retention });
            (await http.PostAsync("trigger", null)).EnsureSuccessStatusCode();
            await UntilAsync(() => Task.FromResult(Count(alerts, "drift-resolved") > resolved), TimeSpan.FromMinutes(2));
            return took;
        }

        Report("drift to alert (webhook received), POST /trigger", [.. await RepeatAsync(samples, DriftAndWaitAsync)]);

        Console.WriteLine();
        Console.WriteLine($"Memory over {soak.TotalMinutes:0} min of 5 s cycles (in-process daemon):");
        Console.WriteLine("| elapsed | cycles | working set MB | managed heap MB |");
        Console.WriteLine("|---|---|---|---|");
        var soakWatch = Stopwatch.StartNew();
        while (soakWatch.Elapsed < soak)
        {
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var metrics = await http.GetStringAsync("metrics");
            var cycles = metrics.Split('\n').Where(l => l.StartsWith("reconciler_cycles_total", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            Console.WriteLine($"| {soakWatch.Elapsed:mm\\:ss} | {cycles:0} | {process.WorkingSet64 / 1048576.0:0.0} | {GC.GetTotalMemory(false) / 1048576.0:0.0} |");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Max(5, soak.TotalSeconds / 10))));
        }

        await stop.CancelAsync();
        await daemon;
        webhook.Stop();
        return 0;
    }

    private static int Count(List<(DateTime At, JsonNode Body)> alerts, string type)
    {
        lock (alerts)
        {
            return alerts.Count(a => (string?)a.Body["type"] == type);
        }
    }

    private static async Task<List<double>> RepeatAsync(int count, Func<Task<double>> measure)
    {
        var values = new List<double>();
        for (var i = 0; i < count; i++)
        {
            values.Add(await measure());
        }

        return values;
    }

    private static void Report(string what, List<double> milliseconds)
    {
        milliseconds.Sort();
        Console.WriteLine($"| {what} | {milliseconds.Count} | {milliseconds[milliseconds.Count / 2]:0} ms | {milliseconds[0]:0} ms | {milliseconds[^1]:0} ms |");
    }

    private static async Task<string?> AppliedAsync(HttpClient http)
    {
        try
        {
            return (string?)(await http.GetFromJsonAsync<JsonObject>("status"))?["appliedRevision"];
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(20);
        }
    }

    private static string Commit(string repo, string message)
    {
        using var repository = new Repository(repo);
        Commands.Stage(repository, "*");
        var author = new Signature("bench", "bench@example.com", DateTimeOffset.UtcNow);
        var commit = repository.Commit(message, author, author);
        if (repository.Head.FriendlyName != "main")
        {
            Commands.Checkout(repository, repository.Branches["main"] ?? repository.CreateBranch("main", commit));
        }

        return commit.Sha;
    }
}
