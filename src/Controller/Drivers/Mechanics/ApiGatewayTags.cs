using Reconciler.Aws.Clients.ApiGateway;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// API Gateway tags, by the resource's ARN (<c>arn:aws:apigateway:region::/restapis/id</c>; API
/// Gateway builds its ARNs without account). The drivers read tags from the list answers, which
/// carry them; <see cref="ReadAsync"/> is for everyone else. moto tags only stages after create:
/// REST APIs, keys and plans get their tags in the create call, which is where the drivers give them.
/// </summary>
internal sealed class ApiGatewayTags : ITagApi
{
    public static ApiGatewayTags Instance { get; } = new();

    /// <summary>The ARN of a REST API, API key or usage plan: <paramref name="collection"/> is <c>restapis</c>, <c>apikeys</c> or <c>usageplans</c>.</summary>
    public static string Arn(string region, string collection, string id) => $"arn:{Arns.Partition(region)}:apigateway:{region}::/{collection}/{id}";

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        (await aws.ApiGateway.GetTagsAsync(new GetTagsRequest { ResourceArn = identity["arn"] }, cancellationToken)).TagsValue ?? new Dictionary<string, string>();

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.ApiGateway.TagResourceAsync(new TagResourceRequest { ResourceArn = identity["arn"], Tags = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.ApiGateway.UntagResourceAsync(new UntagResourceRequest { ResourceArn = identity["arn"], TagKeys = [.. keys] }, cancellationToken);
}
