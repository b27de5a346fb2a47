using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Cli;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Bench;

/// <summary>
/// Reads at scale: generates stacks of the given sizes (<see cref="StackGenerator"/>), applies each
/// once against a fresh moto, then measures the no-op plan of each: wall time (median of the runs,
/// in this process, after one warm-up plan), the AWS requests of one plan (the request log), and
/// the peak resident memory of a plan in a process of its own (the benchmark's executable in
/// <c>plan-child</c> mode, reading its own VmHWM), as a deployed controller would run it.
/// </summary>
internal static class ScaleScenario
{
    private const string AccountId = "123456789012";

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes, int runs, int childRuns)
    {
        await using var moto = await MotoServer.StartAsync(AccountId);
        var aws = AwsEnvironment.ForEndpoint(moto.Endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing"));
        var root = Directory.CreateTempSubdirectory("reconciler-scale-").FullName;
        try
        {
            var stacks = new List<(int Size, int Documents, string Directory)>();
            foreach (var size in sizes)
            {
                var directory = Path.Combine(root, $"scale-{size}");
                var documents = StackGenerator.Write(directory, $"scale-{size}", size, AccountId);
                var apply = await PlanOrApplyAsync(aws, "apply", directory);
                Console.WriteLine($"apply scale-{size} ({documents} resources): exit {apply.Exit}, {apply.Log.Total} requests, {apply.Elapsed.TotalSeconds:0.0} s");
                if (apply.Exit != 0)
                {
                    Console.Error.WriteLine(apply.Output);
                    return 1;
                }

                stacks.Add((size, documents, directory));
            }

            Console.WriteLine();
            Console.WriteLine("| stack | resources | requests of one no-op plan | requests per resource | wall time median (min, max) | own process: wall time median, peak RSS max |");
            Console.WriteLine("|---|---:|---:|---:|---|---|");
            var medians = new Dictionary<int, double>();
            var details = new List<string>();
            foreach (var (size, documents, directory) in stacks)
            {
                await PlanOrApplyAsync(aws, "plan", directory);
                var times = new List<double>();
                AwsRequestLog? last = null;
                for (var i = 0; i < runs; i++)
                {
                    var plan = await PlanOrApplyAsync(aws, "plan", directory);
                    if (plan.Exit != 0)
                    {
                        Console.Error.WriteLine($"plan of scale-{size} found changes (exit {plan.Exit}):\n{plan.Output}");
                        return 1;
                    }

                    times.Add(plan.Elapsed.TotalMilliseconds);
                    last = plan.Log;
                }

                var children = new List<(double Ms, long PeakKb)>();
                for (var i = 0; i < childRuns; i++)
                {
                    children.Add(await PlanInChildAsync(moto.Endpoint, directory));
                }

                times.Sort();
                var childTimes = children.Select(c => c.Ms).Order().ToList();
                medians[size] = times[times.Count / 2];
                var childText = children.Count == 0 ? "-" : $"{childTimes[childTimes.Count / 2]:0} ms, {children.Max(c => c.PeakKb) / 1024.0:0} MB";
                Console.WriteLine(
                    $"| scale-{size} | {documents} | {last!.Total} | {(double)last.Total / documents:0.000} | {medians[size]:0} ms ({times[0]:0}, {times[^1]:0}) | {childText} |");
                details.Add($"scale-{size}: " + string.Join(", ", last.CountsByOperation().Select(c => $"{c.Key} {c.Value}")));
            }

            Console.WriteLine();
            if (sizes.Count >= 2)
            {
                Console.WriteLine($"time ratio scale-{sizes[^1]} / scale-{sizes[0]}: {medians[sizes[^1]] / medians[sizes[0]]:0.0}x");
            }

            foreach (var line in details)
            {
                Console.WriteLine(line);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The <c>plan-child</c> mode: one plan against <paramref name="endpoint"/>, then its time and this process's peak RSS on one line.</summary>
    public static async Task<int> PlanChildAsync(string directory, Uri endpoint)
    {
        var aws = AwsEnvironment.ForEndpoint(endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing"));
        var plan = await PlanOrApplyAsync(aws, "plan", directory);
        Console.WriteLine(FormattableString.Invariant($"plan-child {plan.Exit} {plan.Elapsed.TotalMilliseconds:0} {PeakResidentKb()}"));
        return plan.Exit;
    }

    private static async Task<(int Exit, AwsRequestLog Log, TimeSpan Elapsed, string Output)> PlanOrApplyAsync(AwsEnvironment aws, string command, string directory)
    {
        var log = new AwsRequestLog();
        var output = new StringWriter();
        var watch = Stopwatch.StartNew();
        var exit = await ReconcilerCli.RunAsync([command, directory], new CliEnvironment { Output = output, Errors = TextWriter.Null, Aws = aws, RequestLog = log }, CancellationToken.None);
        return (exit, log, watch.Elapsed, output.ToString());
    }

    private static async Task<(double Ms, long PeakKb)> PlanInChildAsync(Uri endpoint, string directory)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScaleScenario).Assembly.Location);
        }

        foreach (var argument in new[] { "plan-child", directory, endpoint.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = child.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = child.StandardError.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        var line = (await stdout).Split('\n').LastOrDefault(l => l.StartsWith("plan-child ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"plan-child printed no result (exit {child.ExitCode}): {await stderr}");
        var parts = line.Split(' ');
        return (double.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    // VmHWM: the process's peak resident set size, in kB (Linux).
    private static long PeakResidentKb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
