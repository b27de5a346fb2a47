using System.Text.Json.Serialization;

namespace Reconciler.Controller.Aws.Logs;

/// <summary>The LogGroup structure (the members the controller reads), names as in the botocore logs model.</summary>
public sealed record LogGroup
{
    /// <summary>The name.</summary>
    [JsonPropertyName("logGroupName")]
    public string LogGroupName { get; init; } = string.Empty;

    /// <summary>Creation time, milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("creationTime")]
    public long? CreationTime { get; init; }

    /// <summary>Days events are kept; null for forever.</summary>
    [JsonPropertyName("retentionInDays")]
    public int? RetentionInDays { get; init; }

    /// <summary>The ARN ending in ":*" (as IAM policies use it).</summary>
    [JsonPropertyName("arn")]
    public string? Arn { get; init; }

    /// <summary>The ARN without ":*", as TagResource and ListTagsForResource want it.</summary>
    [JsonPropertyName("logGroupArn")]
    public string? LogGroupArn { get; init; }

    /// <summary>The KMS key encrypting the group's events, if any.</summary>
    [JsonPropertyName("kmsKeyId")]
    public string? KmsKeyId { get; init; }

    /// <summary>STANDARD, INFREQUENT_ACCESS or DELIVERY.</summary>
    [JsonPropertyName("logGroupClass")]
    public string? LogGroupClass { get; init; }

    /// <summary>Stored bytes.</summary>
    [JsonPropertyName("storedBytes")]
    public long? StoredBytes { get; init; }

    /// <summary>The ARN to tag by: <see cref="LogGroupArn"/>, else <see cref="Arn"/> without ":*".</summary>
    [JsonIgnore]
    public string? TaggingArn => LogGroupArn ?? (Arn?.EndsWith(":*", StringComparison.Ordinal) == true ? Arn[..^2] : Arn);
}
