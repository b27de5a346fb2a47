using System.Text.Json.Serialization;

namespace Reconciler.Controller.Aws.Logs;

/// <summary>DescribeLogGroupsRequest (the members the controller uses), names as in the botocore logs model.</summary>
public sealed record DescribeLogGroupsRequest
{
    /// <summary>Only groups whose names start with this.</summary>
    [JsonPropertyName("logGroupNamePrefix")]
    public string? LogGroupNamePrefix { get; init; }

    /// <summary>The token from the previous page.</summary>
    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }

    /// <summary>Page size, 1-50; null for the service's default (50).</summary>
    [JsonPropertyName("limit")]
    public int? Limit { get; init; }
}
