using Microsoft.Extensions.Logging;

namespace Reconciler.Inference.Models;

/// <summary>Log events of model loading (1xxx).</summary>
internal static partial class ModelLog
{
    [LoggerMessage(1001, LogLevel.Information, "Loading model {Model} version {Version}")]
    public static partial void Loading(ILogger logger, string model, string version);

    [LoggerMessage(1002, LogLevel.Information, "Model {Model} version {Version} ready from {Source} (sha256 {Sha256}, {Inputs} inputs, {Outputs} outputs, {RunSlots} runs at once) in {Milliseconds} ms")]
    public static partial void Ready(ILogger logger, string model, string version, string source, string sha256, int inputs, int outputs, int runSlots, long milliseconds);

    [LoggerMessage(1003, LogLevel.Error, "Model {Model} version {Version} failed to load and will not serve")]
    public static partial void Failed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(1004, LogLevel.Warning, "Model {Model} version {Version} has no warm-up case; only a zero-input run is checked")]
    public static partial void NoWarmupCase(ILogger logger, string model, string version);
}
