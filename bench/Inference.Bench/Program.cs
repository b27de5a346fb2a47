using System.Diagnostics;
using System.Globalization;
using Reconciler.Inference.Bench;

// Usage: dotnet run -c Release --project bench/Inference.Bench -- [phase-seconds=3] [soak-seconds=60]
// Every loop is bounded by a call count and a time; the service binds 127.0.0.1 only.
if (args is [HttpFloor.ServerArgument])
{
    await HttpFloor.ServeAsync();
    return;
}

var phase = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3);
var soak = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 60);
int[] batches = [1, 32, 100];
var workloads = new[]
{
    new Workload("penguins", "Features", [1, 4], Binary: false, phase, MaxCallsPerPhase: 200_000),
    new Workload("resnet18", "Input247", [1, 3, 224, 224], Binary: true, phase, MaxCallsPerPhase: 2_000, MinCallsPerPhase: 12),
};

await using var service = await BenchService.StartAsync();
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 8, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var client = new HttpClient(handler) { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(2) };
client.DefaultRequestHeaders.Add("x-api-key", BenchService.Key);

Console.WriteLine($"# Inference benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"service process working set after start and warm-up: {service.WorkingSetMb():0} MB; load average at start: {LoadAverage()}");
// Measured first, next to the penguins batch-1 phases, so both see the same machine.
var floor = await HttpFloor.MeasureAsync(workloads[0].Body(1).Body, phase, 200_000);
var results = new List<CaseResult>();
// BENCH_ONLY=resnet18 (or penguins) measures one model, to try a setting without the full run.
foreach (var workload in workloads.Where(w => Environment.GetEnvironmentVariable("BENCH_ONLY") is not { Length: > 0 } only || only == w.Model))
{
    using var model = BenchService.OpenForCeiling(workload.Model);
    var loadConcurrency = workload.Model == "penguins" ? 4 : 2;
    foreach (var batch in batches)
    {
        results.Add(RawRunner.Run(model, workload, batch));
        results.Add(await Measured(() => HttpLoad.RunAsync(client, workload, batch, concurrency: 1), workload.Model));
        results.Add(await Measured(() => HttpLoad.RunAsync(client, workload, batch, loadConcurrency), workload.Model));
        Console.Error.WriteLine($"done {workload.Model} batch {batch}");
    }
}

Console.WriteLine();
Console.WriteLine($"load average at end of phases: {LoadAverage()}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"HTTP floor (empty Kestrel endpoint in its own process, same client, penguins batch-1 body, serial): p50 {floor.P50:0} µs, p99 {floor.P99:0} µs over {floor.Count} calls"));
Console.WriteLine();
Console.WriteLine("| model | batch | mode | conc. | calls | items/s | p50 µs | p99 µs | overhead p50 µs (end-to-end − Run) | server overhead mean µs | % of raw items/s |");
Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    var raw = results.First(x => x.Model == r.Model && x.Batch == r.Batch && x.Mode == "raw Run");
    var overhead = r.Overhead is { } o ? o.P50.ToString("0", CultureInfo.InvariantCulture) : "";
    var server = r.ServerOverheadMicroseconds is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Model} | {r.Batch} | {r.Mode} | {r.Concurrency} | {r.Calls} | {r.ItemsPerSecond:0} | {r.Latency.P50:0} | {r.Latency.P99:0} | {overhead} | {server} | {100 * r.ItemsPerSecond / raw.ItemsPerSecond:0}% |"));
}

// Soak: a longer bounded run of mixed traffic, to see whether memory stays flat.
Console.WriteLine();
var before = service.WorkingSetMb();
var metricsBefore = await service.MetricsAsync(client);
var soakStarted = Stopwatch.GetTimestamp();
var penguinsSoak = HttpLoad.RunAsync(client, workloads[0] with { PhaseTime = soak, MaxCallsPerPhase = 5_000_000 }, 32, concurrency: 3);
var resnetSoak = HttpLoad.RunAsync(client, workloads[1] with { PhaseTime = soak, MaxCallsPerPhase = 100_000 }, 8, concurrency: 1);
var samples = new List<double> { before };
var heapSamples = new List<double> { HeapMb(metricsBefore) };
var liveSamples = new List<double> { LiveMb(metricsBefore) };
var sampleEvery = TimeSpan.FromSeconds(Math.Max(10, soak.TotalSeconds / 20));
var sampling = Task.Run(async () =>
{
    while (!penguinsSoak.IsCompleted || !resnetSoak.IsCompleted)
    {
        await Task.WhenAny(Task.Delay(sampleEvery), Task.WhenAll(penguinsSoak, resnetSoak));
        samples.Add(service.WorkingSetMb());
        var metrics = await service.MetricsAsync(client);
        heapSamples.Add(HeapMb(metrics));
        liveSamples.Add(LiveMb(metrics));
    }
});
var soakResults = await Task.WhenAll(penguinsSoak, resnetSoak);
await sampling;
var after = service.WorkingSetMb();
var metricsAfter = await service.MetricsAsync(client);
var gen2 = ServiceProcess.Sample(metricsAfter, "dotnet_gc_collections_total", "generation=\"2\"") - ServiceProcess.Sample(metricsBefore, "dotnet_gc_collections_total", "generation=\"2\"");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"soak {Stopwatch.GetElapsedTime(soakStarted).TotalSeconds:0} s: penguins batch 32 x{soakResults[0].Calls} calls + resnet18 batch 8 x{soakResults[1].Calls} calls; service working set {before:0} MB -> {after:0} MB (every {sampleEvery.TotalSeconds:0} s: {Join(samples)}); managed heap after the last GC at the same moments: {Join(heapSamples)} MB; live data after the last gen-2 GC: {Join(liveSamples)} MB; gen2 GCs {gen2:0}"));

Console.WriteLine($"load average at end: {LoadAverage()}");
return;

// Server-side time beyond the run, per request, over one phase (warm-up calls included, which is noise only).
async Task<CaseResult> Measured(Func<Task<CaseResult>> phase, string model)
{
    var before = ServerClock.Read(await service.MetricsAsync(client), model);
    var result = await phase();
    var after = ServerClock.Read(await service.MetricsAsync(client), model);
    var requests = after.Requests - before.Requests;
    var overhead = ((after.RequestSeconds - before.RequestSeconds) - (after.ComputeSeconds - before.ComputeSeconds)) / requests * 1e6;
    return result with { ServerOverheadMicroseconds = overhead };
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static double HeapMb(string metrics) => ServiceProcess.Sample(metrics, "dotnet_gc_heap_size_bytes") / (1024.0 * 1024.0);

static double LiveMb(string metrics) => ServiceProcess.Sample(metrics, "dotnet_gc_live_bytes_after_gen2") / (1024.0 * 1024.0);

static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));
