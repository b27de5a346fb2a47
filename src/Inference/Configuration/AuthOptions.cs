namespace Reconciler.Inference.Configuration;

/// <summary>API keys and their item budgets. Section "Auth".</summary>
public sealed record AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Whether model routes need a key. Default true; health routes and /metrics are always open.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The accepted keys, held only as SHA-256 hashes.</summary>
    public List<ApiKeyOptions> Keys { get; init; } = [];

    /// <summary>Items per second each key may infer, refilled continuously. Default 2000.</summary>
    public double ItemsPerSecond { get; init; } = 2000;

    /// <summary>Items a key may spend at once (bucket size); at least Inference:MaxBatchItems. Default 4000.</summary>
    public int BurstItems { get; init; } = 4000;
}
