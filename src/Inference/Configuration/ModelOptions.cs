namespace Reconciler.Inference.Configuration;

/// <summary>One model version to serve, from a file or from the versioned S3 model bucket.</summary>
public sealed record ModelOptions
{
    /// <summary>The model name used in routes (/v2/models/{name}).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The version label reported in every response, e.g. "1" (blue) or "2" (green).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>A local .onnx file; relative paths are taken from the application folder. Set this or <see cref="S3"/>.</summary>
    public string? Path { get; init; }

    /// <summary>The object in the model bucket. Set this or <see cref="Path"/>.</summary>
    public S3ModelLocation? S3 { get; init; }

    /// <summary>Expected SHA-256 of the .onnx bytes (hex). When set, a mismatch refuses the model.</summary>
    public string? Sha256 { get; init; }

    /// <summary>A warm-up case (known input, known output) checked before the model is ready. Relative to the application folder.</summary>
    public string? WarmupPath { get; init; }

    /// <summary>ONNX Runtime intra-op threads for one run; 0 lets the runtime choose (one per core). Default 1.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin while waiting for work. Spinning cuts latency of one run but burns
    /// cores that concurrent requests could use. Default true (the runtime's default).
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>
    /// Runs of this version allowed at once; the rest wait their turn. 0 (the default) means one per
    /// <see cref="IntraOpThreads"/> cores, at least one: 1-thread runs on 2 cores → 2, 2-thread runs on 2 cores → 1.
    /// </summary>
    public int MaxConcurrentRuns { get; init; }
}
