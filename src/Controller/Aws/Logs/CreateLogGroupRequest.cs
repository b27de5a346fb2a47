using System.Text.Json.Serialization;

namespace Reconciler.Controller.Aws.Logs;

/// <summary>CreateLogGroupRequest, member names as in the botocore logs model.</summary>
public sealed record CreateLogGroupRequest
{
    /// <summary>The name: 1-512 of [.-_/#A-Za-z0-9].</summary>
    [JsonPropertyName("logGroupName")]
    public required string LogGroupName { get; init; }

    /// <summary>ARN of the KMS key that encrypts the group's events; null for none.</summary>
    [JsonPropertyName("kmsKeyId")]
    public string? KmsKeyId { get; init; }

    /// <summary>Tags (1-50); null for none.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>STANDARD, INFREQUENT_ACCESS or DELIVERY; null for the service's default.</summary>
    [JsonPropertyName("logGroupClass")]
    public string? LogGroupClass { get; init; }
}
