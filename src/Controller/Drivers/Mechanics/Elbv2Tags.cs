using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using ElasticLoadBalancingV2Operations = Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Tags of ELBv2 resources (load balancers, target groups, listeners, rules), by ARN: the
/// identity's <c>id</c> is the ARN. DescribeTags takes up to 20 ARNs, so an observe reads the
/// tags of a whole kind in one call per 20 resources (<see cref="ReadManyAsync"/>).
/// </summary>
internal sealed class Elbv2Tags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        ElasticLoadBalancingV2Operations.AddTags,
        ElasticLoadBalancingV2Operations.DescribeTags,
        ElasticLoadBalancingV2Operations.RemoveTags,
    ];

    /// <summary>DescribeTags' largest batch of ARNs.</summary>
    private const int MaxArnsPerCall = 20;

    public static Elbv2Tags Instance { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        (await ReadManyAsync(aws, [identity["id"]], cancellationToken)).GetValueOrDefault(identity["id"]) ?? new Dictionary<string, string>();

    /// <summary>The tags of every ARN, batched; an ARN AWS does not answer for is left out.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadManyAsync(AwsClients aws, IReadOnlyCollection<string> arns, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var batch in arns.Distinct(StringComparer.Ordinal).Chunk(MaxArnsPerCall))
        {
            var answer = await aws.Elbv2.DescribeTagsAsync(new DescribeTagsInput { ResourceArns = batch }, cancellationToken);
            foreach (var description in answer.TagDescriptions ?? [])
            {
                if (description.ResourceArn is { } arn)
                {
                    result[arn] = TagMaps.From(description.Tags, t => t.Key, t => t.Value ?? "");
                }
            }
        }

        return result;
    }

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Elbv2.AddTagsAsync(new AddTagsInput { ResourceArns = [identity["id"]], Tags = AtCreate(tags) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Elbv2.RemoveTagsAsync(new RemoveTagsInput { ResourceArns = [identity["id"]], TagKeys = [.. keys] }, cancellationToken);

    /// <summary>Tags in the shape the create calls take them (every ELBv2 create accepts tags).</summary>
    public static IReadOnlyList<Tag> AtCreate(IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag { Key = t.Key, Value = t.Value })];
}
