using Amazon.S3;
using Amazon.S3.Model;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Resolves a model's version label to the S3 object version that carries it, as
/// docs/model-versions.md defines: the object versions of exactly the key, newest first, the
/// first whose <c>model-version</c> metadata equals the label; its <c>model-sha256</c> metadata
/// is the SHA-256 consumers check the bytes against.
/// </summary>
internal static class ModelVersions
{
    /// <summary>The metadata key of the label (x-amz-meta-model-version).</summary>
    public const string LabelMetadata = "model-version";

    /// <summary>The metadata key of the SHA-256 (x-amz-meta-model-sha256).</summary>
    public const string Sha256Metadata = "model-sha256";

    /// <summary>The object version labelled <paramref name="label"/>; null when no version of the key carries it.</summary>
    public static async Task<ResolvedModel?> ResolveAsync(IAmazonS3 s3, string bucket, string key, string label, CancellationToken cancellationToken) =>
        (await ListAsync(s3, bucket, key, stopAt: label, cancellationToken)).FirstOrDefault(m => m.Label == label);

    /// <summary>Resolves or throws an error naming the label, the object and the labels that exist.</summary>
    public static async Task<ResolvedModel> ResolveOrThrowAsync(IAmazonS3 s3, string bucket, string key, string label, CancellationToken cancellationToken)
    {
        var all = await ListAsync(s3, bucket, key, stopAt: null, cancellationToken);
        return all.FirstOrDefault(m => m.Label == label)
            ?? throw new InvalidOperationException(
                $"model version '{label}' is not among the object versions of s3://{bucket}/{key} "
                + (all.Count == 0 ? "(the key has no labelled versions)" : $"(labels there: {string.Join(", ", all.Select(m => m.Label).Distinct().Order(StringComparer.Ordinal))})")
                + "; upload it with metadata model-version and model-sha256 (docs/model-versions.md)");
    }

    // Newest first; stops reading metadata at the first version labelled stopAt.
    private static async Task<IReadOnlyList<ResolvedModel>> ListAsync(IAmazonS3 s3, string bucket, string key, string? stopAt, CancellationToken cancellationToken)
    {
        var versions = await Pages.ReadAllAsync<S3ObjectVersion>(async marker =>
        {
            var (keyMarker, versionMarker) = marker is null ? (null, null) : (marker.Split('\n')[0], marker.Split('\n')[1]);
            var page = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = key, KeyMarker = keyMarker, VersionIdMarker = versionMarker }, cancellationToken);
            return (page.Versions ?? [], page.IsTruncated == true ? $"{page.NextKeyMarker}\n{page.NextVersionIdMarker}" : null);
        });
        var found = new List<ResolvedModel>();
        foreach (var version in versions.Where(v => v.Key == key && v.IsDeleteMarker != true).OrderByDescending(v => v.LastModified))
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = version.VersionId }, cancellationToken);
            if (head.Metadata[LabelMetadata] is { Length: > 0 } label)
            {
                found.Add(new ResolvedModel(label, version.VersionId, head.Metadata[Sha256Metadata] ?? ""));
                if (label == stopAt)
                {
                    break;
                }
            }
        }

        return found;
    }
}

/// <summary>A version label resolved to its S3 object version.</summary>
/// <param name="Label">The model-version label.</param>
/// <param name="VersionId">The S3 object version id.</param>
/// <param name="Sha256">The lower-case hex SHA-256 from the model-sha256 metadata.</param>
internal sealed record ResolvedModel(string Label, string VersionId, string Sha256);
