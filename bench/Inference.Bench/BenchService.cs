using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Bench;

/// <summary>The service as deployed, on Kestrel at 127.0.0.1 on a free port, serving both shipped models.</summary>
internal static class BenchService
{
    public const string Key = "bench-key";

    public static async Task<WebApplication> StartAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Hosting:Mode"] = "Http",
            ["Inference:MaxBatchItems"] = "100",
            ["Inference:MaxRequestBytes"] = "134217728",
            ["Inference:Models:0:Name"] = "penguins",
            ["Inference:Models:0:Version"] = "1",
            ["Inference:Models:0:Path"] = "models/penguins/1/model.onnx",
            ["Inference:Models:0:WarmupPath"] = "models/penguins/1/warmup.json",
            ["Inference:Models:0:IntraOpThreads"] = "1",
            ["Inference:Models:1:Name"] = "resnet18",
            ["Inference:Models:1:Version"] = "1",
            ["Inference:Models:1:Path"] = "models/resnet18/1/model.onnx",
            ["Inference:Models:1:WarmupPath"] = "models/resnet18/1/warmup.json",
            ["Inference:Models:1:IntraOpThreads"] = "2",
            ["Inference:Models:1:AllowSpinning"] = Environment.GetEnvironmentVariable("BENCH_RESNET_SPIN") ?? "true",
            ["Auth:Keys:0:Name"] = "bench",
            ["Auth:Keys:0:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("bench-key"u8)),
            ["Auth:ItemsPerSecond"] = "1000000000",
            ["Auth:BurstItems"] = "1000000000",
        };
        var app = InferenceApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        var models = app.Services.GetRequiredService<ModelRepository>();
        await models.Settled.WaitAsync(TimeSpan.FromMinutes(2));
        if (!models.AllReady)
        {
            throw new InvalidOperationException("Models failed to load: " + string.Join("; ", models.Entries.Select(e => e.NotReadyReason)));
        }

        return app;
    }
}
