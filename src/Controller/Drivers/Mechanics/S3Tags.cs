using Amazon.S3.Model;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Bucket tags, by bucket name. S3 has no "add tags" call: PutBucketTagging replaces the whole
/// set, so the tags to set are merged over the live ones to leave other tools' tags alone.
/// </summary>
internal sealed class S3Tags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.S3.GetBucketTagging,
        SdkOperations.S3.PutBucketTagging,
    ];

    public static S3Tags Instance { get; } = new();

    /// <summary>The bucket's tags; empty when it has none (S3 answers NoSuchTagSet).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken)
    {
        var tags = await Unset.OrAsync(
            async () => (await aws.S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = identity["id"] }, cancellationToken)).TagSet ?? [],
            "NoSuchTagSet",
            []);
        return TagMaps.From(tags, t => t.Key, t => t.Value);
    }

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        PutAsync(aws, identity, TagDiff.Overlay(live, tags), cancellationToken);

    // The remaining set always holds the controller's own tags, so it is never empty (an empty
    // TagSet would be refused; DeleteBucketTagging is never needed).
    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        PutAsync(aws, identity, live.Where(t => !keys.Contains(t.Key)).ToDictionary(), cancellationToken);

    private static Task PutAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        aws.S3.PutBucketTaggingAsync(
            new PutBucketTaggingRequest
            {
                BucketName = identity["id"],
                TagSet = [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag { Key = t.Key, Value = t.Value })],
            },
            cancellationToken);
}
