using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Cli;
using Reconciler.Controller.Sandbox;

// Controller benchmarks against a fresh moto.
//   plan (default): apply a stack, then time plans that find nothing to do and count the AWS
//     requests each makes, by service and operation.
//     dotnet run -c Release --project bench/Controller.Bench -- [DIR] [--runs N] [--trace]
//   daemon: the daemon following a git repository: commit-to-converged and drift-to-alert
//     latencies, and memory over a soak of cycles.
//     dotnet run -c Release --project bench/Controller.Bench -- daemon [DIR] [--soak-minutes M] [--samples N]
//   scale: generated stacks of N resources (StackGenerator), applied once, then their no-op plans:
//     wall time, AWS requests per resource, peak RSS of a plan in a process of its own.
//     dotnet run -c Release --project bench/Controller.Bench -- scale [--sizes 100,1000] [--runs 5] [--child-runs 3]
//   generate: only write a generated stack's folder.
//     dotnet run -c Release --project bench/Controller.Bench -- generate N DIR
//   faults: one apply under each fault mix (none, 30 % throttling + 5 % 5xx + 20 ms, 15 % lost
//     write answers): time to converge, requests, follow-up plan, duplicates.
//     dotnet run -c Release --project bench/Controller.Bench -- faults [DIR] [--runs N]
//   dataplane: the sandbox data plane's synthetic load (achieved rate) and the proxy's latency
//     overhead at each rate, on one inference service (needs 'dotnet build src/Inference').
//     dotnet run -c Release --project bench/Controller.Bench -- dataplane [--rates 20,100] [--seconds 30] [--requests 600]
string ModeOption(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
switch (args.FirstOrDefault())
{
    case "scale":
        return await Reconciler.Bench.ScaleScenario.RunAsync(
            [.. ModeOption("--sizes", "100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            int.Parse(ModeOption("--runs", "5"), CultureInfo.InvariantCulture),
            int.Parse(ModeOption("--child-runs", "3"), CultureInfo.InvariantCulture));
    case "plan-child":
        return await Reconciler.Bench.ScaleScenario.PlanChildAsync(args[1], new Uri(args[2]));
    case "generate":
        var count = Reconciler.Bench.StackGenerator.Write(args[2], $"scale-{args[1]}", int.Parse(args[1], CultureInfo.InvariantCulture), "123456789012");
        Console.WriteLine($"wrote {count} resources to {args[2]}");
        return 0;
    case "dataplane":
        return await Reconciler.Bench.DataPlaneScenario.RunAsync(
            [.. ModeOption("--rates", "20,100").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))],
            TimeSpan.FromSeconds(double.Parse(ModeOption("--seconds", "30"), CultureInfo.InvariantCulture)),
            int.Parse(ModeOption("--requests", "600"), CultureInfo.InvariantCulture));
    case "faults":
        var rest = args.Skip(1).ToList();
        return await Reconciler.Bench.FaultScenario.RunAsync(
            rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !char.IsDigit(a[0])) ?? "desired-state/dev",
            int.Parse(rest.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() ?? "3", CultureInfo.InvariantCulture));
}

if (args.FirstOrDefault() == "daemon")
{
    var rest = args.Skip(1).ToList();
    string Option(string name, string fallback) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
    return await Reconciler.Bench.DaemonScenario.RunAsync(
        rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !char.IsDigit(a[0])) ?? "desired-state/dev",
        TimeSpan.FromMinutes(double.Parse(Option("--soak-minutes", "5"), CultureInfo.InvariantCulture)),
        int.Parse(Option("--samples", "5"), CultureInfo.InvariantCulture));
}

var directory = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "desired-state/dev";
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(5);

await using var moto = await MotoServer.StartAsync("123456789012");
var aws = AwsEnvironment.ForEndpoint(moto.Endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing"));

async Task<(int Exit, AwsRequestLog Log, TimeSpan Elapsed, string Output)> RunAsync(params string[] command)
{
    var log = new AwsRequestLog();
    var output = new StringWriter();
    var watch = Stopwatch.StartNew();
    var exit = await ReconcilerCli.RunAsync(command, new CliEnvironment { Output = output, Errors = TextWriter.Null, Aws = aws, RequestLog = log }, CancellationToken.None);
    return (exit, log, watch.Elapsed, output.ToString());
}

var apply = await RunAsync("apply", directory);
if (apply.Exit != 0)
{
    Console.Error.WriteLine(apply.Output);
    return 1;
}

Console.WriteLine($"apply {directory}: {apply.Log.Total} requests, {apply.Elapsed.TotalSeconds:0.00} s");
if (args.Contains("--trace"))
{
    var records = apply.Log.Records();
    var first = records[0].Time;
    foreach (var record in records)
    {
        Console.WriteLine($"  {(record.Time - first).TotalSeconds,7:0.000} s {record.Service} {record.Operation} {record.StatusCode}");
    }
}

var times = new List<double>();
AwsRequestLog? last = null;
for (var i = 0; i < runs; i++)
{
    var plan = await RunAsync("plan", directory);
    if (plan.Exit != 0)
    {
        Console.Error.WriteLine($"plan {i + 1} found changes (exit {plan.Exit}):\n{plan.Output}");
        return 1;
    }

    times.Add(plan.Elapsed.TotalMilliseconds);
    last = plan.Log;
}

times.Sort();
Console.WriteLine($"no-op plan x{runs}: {last!.Total} requests each; wall time median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms");
Console.WriteLine();
Console.WriteLine("| service | operation | requests |");
Console.WriteLine("|---|---|---|");
foreach (var (name, count) in last.CountsByOperation())
{
    var colon = name.IndexOf(':', StringComparison.Ordinal);
    Console.WriteLine($"| {name[..colon]} | {name[(colon + 1)..]} | {count} |");
}

return 0;
