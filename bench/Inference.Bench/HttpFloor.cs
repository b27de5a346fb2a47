using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reconciler.Inference.Bench;

/// <summary>
/// The floor under any service overhead on this machine: an empty Kestrel endpoint on 127.0.0.1 that reads the same
/// body and answers a tiny JSON object, called with the same client. Service overhead minus this is our own code.
/// </summary>
internal static class HttpFloor
{
    public static async Task<LatencyStats> MeasureAsync(byte[] body, TimeSpan time, int maxCalls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/echo", async (HttpContext ctx) =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"ok\":true}");
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
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

        await app.StopAsync();
        return new LatencyStats(latencies);
    }
}
