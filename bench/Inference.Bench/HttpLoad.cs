using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Reconciler.Inference.Bench;

/// <summary>
/// A bounded load loop against the service on 127.0.0.1: a fixed number of workers, each sending the same prebuilt
/// body until the phase's call count or time is used up. Records latency and the server's reported run time.
/// </summary>
internal static class HttpLoad
{
    public static async Task<CaseResult> RunAsync(HttpClient client, Workload workload, int batch, int concurrency)
    {
        var (body, headerLength) = workload.Body(batch);
        var path = $"/v2/models/{workload.Model}/infer";
        // Heavy calls warm once; light ones for Workload.LightWarmup, for the service's JIT.
        var warming = Stopwatch.GetTimestamp();
        var heavy = batch * workload.ItemElements > 10_000;
        for (var warm = 0; warm < (heavy ? 1 : Workload.LightWarmupCalls) && (warm == 0 || Stopwatch.GetElapsedTime(warming) < Workload.LightWarmup); warm++)
        {
            await SendAsync(client, path, body, headerLength);
        }

        var latencies = new List<double>[concurrency];
        var overheads = new List<double>[concurrency];
        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            overheads[w] = [];
            while (workload.MayStart(Interlocked.Increment(ref calls), Stopwatch.GetElapsedTime(started)))
            {
                var t = Stopwatch.GetTimestamp();
                var runMicroseconds = await SendAsync(client, path, body, headerLength);
                var elapsed = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                latencies[w].Add(elapsed);
                overheads[w].Add(elapsed - runMicroseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return new CaseResult(workload.Model, concurrency == 1 ? "HTTP serial" : "HTTP load", batch, concurrency, all.Length, seconds,
            new LatencyStats(all), new LatencyStats(overheads.SelectMany(o => o)));
    }

    /// <summary>Sends one request; returns the run time the server reported in Server-Timing, in microseconds.</summary>
    private static async Task<double> SendAsync(HttpClient client, string path, byte[] body, int? headerLength)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(headerLength is null ? "application/json" : "application/octet-stream");
        if (headerLength is { } length)
        {
            content.Headers.Add("Inference-Header-Content-Length", length.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await client.PostAsync(path, content);
        await response.Content.LoadIntoBufferAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var timing = response.Headers.GetValues("Server-Timing").Single();
        var ms = double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture);
        return ms * 1000;
    }
}
