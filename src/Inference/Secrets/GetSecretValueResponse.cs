using System.Text;
using System.Text.Json.Serialization;

namespace Reconciler.Inference.Secrets;

/// <summary>
/// The output of GetSecretValue that the service reads, member names as in botocore's secretsmanager model.
/// The secret's value never appears in <see cref="ToString"/>, so the record cannot carry it into a log.
/// </summary>
internal sealed record GetSecretValueResponse
{
    /// <summary>The secret's ARN.</summary>
    [JsonPropertyName("ARN")]
    public string? Arn { get; init; }

    /// <summary>The secret's friendly name.</summary>
    [JsonPropertyName("Name")]
    public string? Name { get; init; }

    /// <summary>The id of the version read.</summary>
    [JsonPropertyName("VersionId")]
    public string? VersionId { get; init; }

    /// <summary>The secret's value when it was stored as text; null for a binary secret. Sensitive: never log it.</summary>
    [JsonPropertyName("SecretString")]
    public string? SecretString { get; init; }

    /// <summary>The staging labels attached to the version read, e.g. AWSCURRENT.</summary>
    [JsonPropertyName("VersionStages")]
    public IReadOnlyList<string> VersionStages { get; init; } = [];

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Arn = ").Append(Arn)
            .Append(", Name = ").Append(Name)
            .Append(", VersionId = ").Append(VersionId)
            .Append(", VersionStages = [").AppendJoin(", ", VersionStages).Append(']')
            .Append(", SecretString = ").Append(SecretString is null ? "none" : "(hidden)");
        return true;
    }
}
