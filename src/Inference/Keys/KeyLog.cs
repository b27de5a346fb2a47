using Microsoft.Extensions.Logging;

namespace Reconciler.Inference.Keys;

/// <summary>Log events of the API key set (4xxx). Key names and version ids only: never a key, a hash or the secret's value.</summary>
internal static partial class KeyLog
{
    [LoggerMessage(4001, LogLevel.Information, "API keys loaded from Secrets Manager secret {SecretId} version {VersionId}: {Count} keys ({Names}), plus {ConfiguredCount} from Auth:Keys")]
    public static partial void Loaded(ILogger logger, string secretId, string? versionId, int count, string names, int configuredCount);

    [LoggerMessage(4002, LogLevel.Information, "API keys from Secrets Manager secret {SecretId} changed at version {VersionId}: added [{Added}], removed [{Removed}], replaced [{Replaced}]")]
    public static partial void Changed(ILogger logger, string secretId, string? versionId, string added, string removed, string replaced);

    [LoggerMessage(4003, LogLevel.Debug, "API keys from Secrets Manager secret {SecretId} unchanged at version {VersionId}")]
    public static partial void Unchanged(ILogger logger, string secretId, string? versionId);

    [LoggerMessage(4004, LogLevel.Error, "API keys could not be loaded from Secrets Manager secret {SecretId}; model routes answer 503 until a read succeeds: {Reason}")]
    public static partial void LoadFailed(ILogger logger, string secretId, string reason);

    [LoggerMessage(4005, LogLevel.Warning, "Re-reading API keys from Secrets Manager secret {SecretId} failed; the {Count} keys of version {VersionId} stay in force: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string secretId, int count, string? versionId, string reason);

    [LoggerMessage(4006, LogLevel.Warning, "Reading Secrets Manager secret {SecretId}: attempt {Attempt} failed ({Reason}); retrying in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string secretId, int attempt, string reason, long delayMilliseconds);
}
