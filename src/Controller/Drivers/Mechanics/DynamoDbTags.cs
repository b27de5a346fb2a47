using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Table tags: DynamoDB reads them per table ARN (paginated) and adds them with TagResource.</summary>
internal static class DynamoDbTags
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(IAmazonDynamoDB dynamoDb, string resourceArn, CancellationToken cancellationToken)
    {
        var tags = await Pages.ReadAllAsync<Tag>(async token =>
        {
            var response = await dynamoDb.ListTagsOfResourceAsync(new ListTagsOfResourceRequest { ResourceArn = resourceArn, NextToken = token }, cancellationToken);
            return (response.Tags, response.NextToken);
        });
        return tags.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    /// <summary>Adds or corrects the desired tags; others are left alone.</summary>
    public static async Task ConvergeAsync(IAmazonDynamoDB dynamoDb, string resourceArn, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken)
    {
        var missing = TagDiff.Missing(desired, live);
        if (missing.Count == 0)
        {
            return;
        }

        await dynamoDb.TagResourceAsync(
            new TagResourceRequest { ResourceArn = resourceArn, Tags = missing.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() },
            cancellationToken);
    }

    /// <summary>Tags in the form CreateTable takes them, so a table is never untagged.</summary>
    public static List<Tag> ToSdk(IReadOnlyDictionary<string, string> tags) =>
        tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();
}
