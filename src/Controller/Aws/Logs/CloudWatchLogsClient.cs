using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Reconciler.Aws.Protocol;

namespace Reconciler.Controller.Aws.Logs;

/// <summary>
/// CloudWatch Logs over the JSON 1.1 protocol (target prefix Logs_20140328), as described by
/// botocore's logs service model. Small inputs are built inline with the model's member names.
/// </summary>
internal sealed class CloudWatchLogsClient : ICloudWatchLogsClient
{
    private const string TargetPrefix = "Logs_20140328";

    private readonly AwsJsonProtocol _protocol;

    public CloudWatchLogsClient(AwsRequestSender sender)
    {
        _protocol = new AwsJsonProtocol(sender, AwsService.CloudWatchLogs, TargetPrefix, "1.1");
    }

    public Task CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync("CreateLogGroup", request, cancellationToken);

    public Task DeleteLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync("DeleteLogGroup", new JsonObject { ["logGroupName"] = logGroupName }, cancellationToken);

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeLogGroupsResponse>("DescribeLogGroups", request, cancellationToken);

    public async Task<IReadOnlyList<LogGroup>> DescribeAllLogGroupsAsync(string? logGroupNamePrefix = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var groups = new List<LogGroup>();
        var request = new DescribeLogGroupsRequest { LogGroupNamePrefix = logGroupNamePrefix, Limit = limit };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await DescribeLogGroupsAsync(request, cancellationToken).ConfigureAwait(false);
            groups.AddRange(page.LogGroups);
            if (string.IsNullOrEmpty(page.NextToken))
            {
                return groups;
            }

            // A service that hands back a token it gave before would otherwise page forever.
            if (!seen.Add(page.NextToken))
            {
                throw new InvalidDataException($"AWS logs DescribeLogGroups returned nextToken '{page.NextToken}' twice; stopping instead of paging forever.");
            }

            request = request with { NextToken = page.NextToken };
        }
    }

    public Task PutRetentionPolicyAsync(string logGroupName, int retentionInDays, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(
            "PutRetentionPolicy",
            new JsonObject { ["logGroupName"] = logGroupName, ["retentionInDays"] = retentionInDays },
            cancellationToken);

    public Task DeleteRetentionPolicyAsync(string logGroupName, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync("DeleteRetentionPolicy", new JsonObject { ["logGroupName"] = logGroupName }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        var response = await _protocol.InvokeAsync<TagsResponse>(
            "ListTagsForResource", new JsonObject { ["resourceArn"] = resourceArn }, cancellationToken).ConfigureAwait(false);
        return response.Tags ?? new Dictionary<string, string>();
    }

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        var tagObject = new JsonObject();
        foreach (var (key, value) in tags)
        {
            tagObject[key] = value;
        }

        return _protocol.InvokeAsync("TagResource", new JsonObject { ["resourceArn"] = resourceArn, ["tags"] = tagObject }, cancellationToken);
    }

    public Task UntagResourceAsync(string resourceArn, IReadOnlyCollection<string> tagKeys, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(
            "UntagResource",
            new JsonObject { ["resourceArn"] = resourceArn, ["tagKeys"] = new JsonArray([.. tagKeys.Select(k => JsonValue.Create(k))]) },
            cancellationToken);

    public Task AssociateKmsKeyAsync(string logGroupName, string kmsKeyId, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(
            "AssociateKmsKey",
            new JsonObject { ["logGroupName"] = logGroupName, ["kmsKeyId"] = kmsKeyId },
            cancellationToken);

    public Task DisassociateKmsKeyAsync(string logGroupName, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync("DisassociateKmsKey", new JsonObject { ["logGroupName"] = logGroupName }, cancellationToken);

    // ListTagsForResourceResponse: { "tags": { ... } }
    private sealed record TagsResponse([property: JsonPropertyName("tags")] Dictionary<string, string>? Tags);
}
