using Amazon.S3;
using Amazon.S3.Model;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Bucket tags. S3 has no "add tags" call: PutBucketTagging replaces the whole set, so the
/// desired tags are merged over the live ones to leave other tools' tags alone.
/// </summary>
internal static class S3Tags
{
    /// <summary>The bucket's tags; empty when it has none (S3 answers NoSuchTagSet).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(IAmazonS3 s3, string bucketName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucketName }, cancellationToken);
            return (response.TagSet ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchTagSet")
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Puts live tags overlaid with the desired ones, when any desired tag is missing or different.</summary>
    public static async Task ConvergeAsync(IAmazonS3 s3, string bucketName, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken)
    {
        if (TagDiff.Missing(desired, live).Count == 0)
        {
            return;
        }

        var merged = new SortedDictionary<string, string>(live.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in desired)
        {
            merged[key] = value;
        }

        await s3.PutBucketTaggingAsync(
            new PutBucketTaggingRequest { BucketName = bucketName, TagSet = merged.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() },
            cancellationToken);
    }
}
