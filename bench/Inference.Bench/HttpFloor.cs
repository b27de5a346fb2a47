using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Reconciler.Inference.Bench;

/// <summary>
/// The floor under any service overhead on this machine: an empty Kestrel endpoint on 127.0.0.1, in a process of
/// its own like the service, that reads the same body and answers a tiny JSON object, called with the same client.
/// Service overhead minus this is our own code.
/// </summary>
internal static class HttpFloor
{
    /// <summary>The argument that makes the benchmark's own executable serve the empty endpoint.</summary>
    public const string ServerArgument = "floor-server";

    /// <summary>Serves the empty endpoint until the process is killed; prints the address the way Kestrel does.</summary>
    public static async Task ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/v2/health/ready", () => Results.Ok());
        app.MapPost("/echo", async (HttpContext ctx) =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"ok\":true}");
        });
        await app.StartAsync();
        Console.WriteLine($"Now listening on: {app.Urls.First()}");
        await app.WaitForShutdownAsync();
    }

    public static async Task<LatencyStats> MeasureAsync(byte[] body, TimeSpan time, int maxCalls)
    {
        await using var server = await ServiceProcess.StartFloorAsync();
        using var client = new HttpClient { BaseAddress = server.Address };
        var latencies = new List<double>();
        // Warmed like the service's light calls.
        var warming = Stopwatch.GetTimestamp();
        for (var i = 0; i < Workload.LightWarmupCalls && Stopwatch.GetElapsedTime(warming) < Workload.LightWarmup; i++)
        {
            using var warm = await client.PostAsync("/echo", new ByteArrayContent(body));
        }

        var started = Stopwatch.GetTimestamp();
        while (latencies.Count < maxCalls && Stopwatch.GetElapsedTime(started) < time)
        {
            var t = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("/echo", new ByteArrayContent(body));
            await response.Content.LoadIntoBufferAsync();
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }

        return new LatencyStats(latencies);
    }
}
