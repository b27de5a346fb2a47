using Amazon.DynamoDBv2.Model;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Table tags: DynamoDB reads them per table ARN (paginated) and adds them with TagResource.</summary>
internal sealed class DynamoDbTags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.DynamoDb.ListTagsOfResource,
        SdkOperations.DynamoDb.TagResource,
        SdkOperations.DynamoDb.UntagResource,
    ];

    public static DynamoDbTags Instance { get; } = new();

    /// <summary>Tags in the form CreateTable takes them, so a table is never untagged.</summary>
    public static List<Tag> ToSdk(IReadOnlyDictionary<string, string> tags) => [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })];

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken)
    {
        var tags = await Pages.ReadAllAsync<Tag>(async token =>
        {
            var response = await aws.DynamoDb.ListTagsOfResourceAsync(new ListTagsOfResourceRequest { ResourceArn = identity["arn"], NextToken = token }, cancellationToken);
            return (response.Tags, response.NextToken);
        });
        return TagMaps.From(tags, t => t.Key, t => t.Value);
    }

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.DynamoDb.TagResourceAsync(new TagResourceRequest { ResourceArn = identity["arn"], Tags = ToSdk(tags.ToDictionary()) }, cancellationToken);

    public async Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken)
    {
        try
        {
            await aws.DynamoDb.UntagResourceAsync(new UntagResourceRequest { ResourceArn = identity["arn"], TagKeys = [.. keys] }, cancellationToken);
        }
        catch (IOException e) when (e.Message.Contains("CRC value", StringComparison.Ordinal))
        {
            // UntagResource has no output. Emulators (moto) answer "{}" with that body's CRC32, which
            // the SDK does not read for an empty-output operation, so it reports a mismatch for a call
            // that went through. There is no body to protect; the re-observe that follows every write
            // checks that the tags are gone.
        }
    }
}
