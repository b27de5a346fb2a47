namespace Reconciler.Inference.Configuration;

/// <summary>What the service serves and the limits of one request. Section "Inference".</summary>
public sealed record InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>Most items (rows of the batch dimension) one request may carry. Default 100.</summary>
    public int MaxBatchItems { get; init; } = 100;

    /// <summary>Largest request body in bytes; a larger one is answered 413. Default 8 MiB.</summary>
    public long MaxRequestBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>The models to load. The first version listed for a name is the one served when no version is asked for.</summary>
    public List<ModelOptions> Models { get; init; } = [];

    /// <summary>
    /// Act on a model's <c>sandbox:fault</c> metadata (answer that share of inference requests
    /// with 500). Off by default, so a deployed service never fails on purpose; the sandbox data
    /// plane turns it on.
    /// </summary>
    public bool SandboxFaults { get; init; }

    /// <summary>Server-side merging of concurrent small requests into one run. Off by default.</summary>
    public DynamicBatchingOptions DynamicBatching { get; init; } = new();
}
