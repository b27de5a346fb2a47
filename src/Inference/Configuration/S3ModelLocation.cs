namespace Reconciler.Inference.Configuration;

/// <summary>Where a model lives in the versioned model bucket.</summary>
public sealed record S3ModelLocation
{
    /// <summary>The bucket name.</summary>
    public string Bucket { get; init; } = string.Empty;

    /// <summary>The object key, e.g. "penguins/model.onnx".</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The object version to load. Pinning it makes a deployment immutable; empty takes the latest.</summary>
    public string? VersionId { get; init; }
}
