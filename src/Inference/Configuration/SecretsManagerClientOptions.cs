namespace Reconciler.Inference.Configuration;

/// <summary>
/// How the Secrets Manager client is built. Section "SecretsManager". Left empty, the standard AWS settings apply
/// (AWS_REGION, AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL, the credential chain).
/// </summary>
public sealed record SecretsManagerClientOptions
{
    public const string SectionName = "SecretsManager";

    /// <summary>An explicit endpoint, e.g. an emulator's "http://127.0.0.1:5000". Overrides the environment.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>The region; empty takes AWS_REGION, AWS_DEFAULT_REGION or the AWS profile's region.</summary>
    public string? Region { get; init; }
}
