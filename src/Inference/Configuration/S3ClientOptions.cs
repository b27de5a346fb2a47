namespace Reconciler.Inference.Configuration;

/// <summary>
/// How the S3 client is built. Section "S3". Left empty, the SDK's standard settings apply
/// (AWS_REGION, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, the credential chain).
/// </summary>
public sealed record S3ClientOptions
{
    public const string SectionName = "S3";

    /// <summary>An explicit endpoint, e.g. an emulator's "http://127.0.0.1:5000". Overrides the environment.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>The region; empty takes the SDK's default chain.</summary>
    public string? Region { get; init; }

    /// <summary>Path-style addressing (bucket in the path), needed by most emulators. Default false.</summary>
    public bool ForcePathStyle { get; init; }
}
