using System.Text.Json.Serialization;

namespace Reconciler.Controller.Aws.Logs;

/// <summary>DescribeLogGroupsResponse: one page.</summary>
public sealed record DescribeLogGroupsResponse
{
    /// <summary>The groups on this page.</summary>
    [JsonPropertyName("logGroups")]
    public IReadOnlyList<LogGroup> LogGroups { get; init; } = [];

    /// <summary>The token for the next page; null on the last.</summary>
    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }
}
