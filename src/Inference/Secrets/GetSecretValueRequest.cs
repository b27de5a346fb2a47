using System.Text.Json.Serialization;

namespace Reconciler.Inference.Secrets;

/// <summary>The input of GetSecretValue, member names as in botocore's secretsmanager model (2017-10-17).</summary>
/// <param name="SecretId">The secret's name or ARN (1 to 2048 characters).</param>
internal sealed record GetSecretValueRequest([property: JsonPropertyName("SecretId")] string SecretId)
{
    /// <summary>The staging label of the version to read; null reads AWSCURRENT.</summary>
    [JsonPropertyName("VersionStage")]
    public string? VersionStage { get; init; }
}
