using System.Security.Cryptography;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Bench;

/// <summary>
/// The benchmark's service: both shipped models, one key with a budget no phase reaches. The service runs in its own
/// process; the ceiling opens the same model files with the same session options in this one.
/// </summary>
internal static class BenchService
{
    public const string Key = "bench-key";

    private static readonly ModelOptions[] Models =
    [
        new() { Name = "penguins", Version = "1", Path = "models/penguins/1/model.onnx", WarmupPath = "models/penguins/1/warmup.json", IntraOpThreads = 1 },
        new()
        {
            Name = "resnet18", Version = "1", Path = "models/resnet18/1/model.onnx", WarmupPath = "models/resnet18/1/warmup.json", IntraOpThreads = 2,
            AllowSpinning = Environment.GetEnvironmentVariable("BENCH_RESNET_SPIN") is not "false",
        },
    ];

    public static Task<ServiceProcess> StartAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Hosting:Mode"] = "Http",
            ["Inference:MaxBatchItems"] = "100",
            ["Inference:MaxRequestBytes"] = "134217728",
            ["Auth:Keys:0:Name"] = "bench",
            ["Auth:Keys:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData("bench-key"u8)),
            ["Auth:ItemsPerSecond"] = "1000000000",
            ["Auth:BurstItems"] = "1000000000",
        };
        for (var i = 0; i < Models.Length; i++)
        {
            var model = Models[i];
            settings[$"Inference:Models:{i}:Name"] = model.Name;
            settings[$"Inference:Models:{i}:Version"] = model.Version;
            settings[$"Inference:Models:{i}:Path"] = model.Path!;
            settings[$"Inference:Models:{i}:WarmupPath"] = model.WarmupPath!;
            settings[$"Inference:Models:{i}:IntraOpThreads"] = model.IntraOpThreads.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Inference:Models:{i}:AllowSpinning"] = model.AllowSpinning ? "true" : "false";
        }

        return ServiceProcess.StartAsync(settings);
    }

    /// <summary>The model as the service opens it (same file, same session options), for the in-process ceiling.</summary>
    public static LoadedModel OpenForCeiling(string name)
    {
        var options = Models.Single(m => m.Name == name);
        var path = Path.Combine(ServiceProcess.AppFolder, options.Path!);
        return new LoadedModel(options.Name, options.Version, ModelLoader.CreateSession(File.ReadAllBytes(path), options), "ceiling", path);
    }
}
