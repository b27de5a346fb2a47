namespace Reconciler.Inference.Configuration;

/// <summary>How requests arrive. Section "Hosting".</summary>
public sealed record HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>"Http" (Kestrel) or "Lambda" (the Lambda runtime API). Default: Lambda when AWS_LAMBDA_RUNTIME_API is set, else Http.</summary>
    public string? Mode { get; init; }

    /// <summary>host:port of the Lambda runtime API; default the AWS_LAMBDA_RUNTIME_API variable.</summary>
    public string? LambdaRuntimeApi { get; init; }
}
