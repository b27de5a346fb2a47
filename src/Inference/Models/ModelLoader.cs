using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference.Models;

/// <summary>
/// Loads every configured model in the background (so liveness answers at once), checks its SHA-256, runs its warm-up
/// and only then marks it ready. A model that fails stays not ready, and readiness says why.
/// </summary>
internal sealed class ModelLoader(
    ModelRepository repository,
    InferenceRunner runner,
    InferenceMetrics metrics,
    IServiceProvider services,
    ILogger<ModelLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var entry in repository.Entries)
            {
                await LoadAsync(entry, stoppingToken);
            }
        }
        finally
        {
            repository.MarkSettled();
        }
    }

    private async Task LoadAsync(ModelEntry entry, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ModelLog.Loading(logger, entry.Name, entry.Version);
        try
        {
            var model = await LoadModelAsync(entry.Options, cancellationToken);
            metrics.SetModelInfo(model.Name, model.Version, model.Sha256, model.Source);
            entry.MarkReady(model);
            ModelLog.Ready(logger, model.Name, model.Version, model.Source, model.Sha256, model.Signature.Inputs.Count,
                model.Signature.Outputs.Count, model.RunSlots.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            entry.MarkFailed(ex.Message);
            ModelLog.Failed(logger, ex, entry.Name, entry.Version);
        }
    }

    /// <summary>Fetches, verifies, opens and warms up one model version.</summary>
    internal async Task<LoadedModel> LoadModelAsync(ModelOptions options, CancellationToken cancellationToken)
    {
        var bytes = options.S3 is { } location
            ? await services.GetRequiredService<S3ModelSource>().ReadAsync(location, cancellationToken)
            : await FileModelSource.ReadAsync(options.Path!, cancellationToken);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Content));
        if (!string.IsNullOrEmpty(options.Sha256) && !string.Equals(sha, options.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelIntegrityException(
                $"model '{options.Name}' version '{options.Version}' from {bytes.Source} has SHA-256 {sha} but {options.Sha256.ToLowerInvariant()} was expected; refusing to load it");
        }

        var runSlots = options.MaxConcurrentRuns > 0
            ? options.MaxConcurrentRuns
            : RunSlots.Automatic(options.IntraOpThreads, Environment.ProcessorCount);
        var model = new LoadedModel(options.Name, options.Version, CreateSession(bytes.Content, options), sha, bytes.Source, runSlots);
        try
        {
            // An empty setting counts as none, so an environment variable can switch a configured case off.
            var warmupPath = string.IsNullOrWhiteSpace(options.WarmupPath) ? null : options.WarmupPath;
            if (warmupPath is null)
            {
                ModelLog.NoWarmupCase(logger, options.Name, options.Version);
            }

            WarmupCheck.Run(model, warmupPath, runner);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The session as the service opens it; the benchmark opens its ceiling's session the same way.</summary>
    internal static InferenceSession CreateSession(byte[] content, ModelOptions options)
    {
        using var sessionOptions = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        return new InferenceSession(content, sessionOptions);
    }
}
