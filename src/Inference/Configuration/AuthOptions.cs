namespace Reconciler.Inference.Configuration;

/// <summary>API keys and their item budgets. Section "Auth".</summary>
public sealed record AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Whether model routes need a key. Default true; health routes and /metrics are always open.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The accepted keys, held only as SHA-256 hashes.</summary>
    public List<ApiKeyOptions> Keys { get; init; } = [];

    /// <summary>
    /// A Secrets Manager secret (name or ARN) whose SecretString lists more accepted keys, also only as hashes:
    /// <c>{"keys":[{"name":"team-a","sha256":"&lt;64 hex digits&gt;"}]}</c>. Its keys are accepted alongside
    /// <see cref="Keys"/>. Default none; model routes answer 503 until it is loaded. Not read when <see cref="Enabled"/> is false.
    /// </summary>
    public string? SecretId { get; init; }

    /// <summary>The secret's staging label to read, e.g. "AWSCURRENT" (what Secrets Manager reads when none is given). Default none.</summary>
    public string? SecretVersionStage { get; init; }

    /// <summary>Seconds between re-reads of the secret, so a rotated key set takes effect. Default 300; 0 reads it once at start-up.</summary>
    public int SecretRefreshSeconds { get; init; } = 300;

    /// <summary>Longest one read of the secret may take, retries included, before it counts as failed. Default 30.</summary>
    public int SecretLoadTimeoutSeconds { get; init; } = 30;

    /// <summary>Items per second each key may infer, refilled continuously. Default 2000.</summary>
    public double ItemsPerSecond { get; init; } = 2000;

    /// <summary>Items a key may spend at once (bucket size); at least Inference:MaxBatchItems. Default 4000.</summary>
    public int BurstItems { get; init; } = 4000;

    /// <summary>The secret to read, or null when none is configured or keys are not required.</summary>
    internal string? ActiveSecretId => Enabled && !string.IsNullOrWhiteSpace(SecretId) ? SecretId.Trim() : null;
}
