using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// Model versions in the versioned model bucket as docs/model-versions.md lays them out: one key
/// per model, each object version labelled by its <c>model-version</c> and <c>model-sha256</c>
/// metadata.
/// </summary>
internal sealed class ModelStore(IAmazonS3 s3, string bucket)
{
    public const string VersionMetadata = "model-version";
    public const string Sha256Metadata = "model-sha256";

    public string Bucket => bucket;

    /// <summary>Uploads <paramref name="bytes"/> as version <paramref name="label"/> of <paramref name="key"/> unless that label already holds those bytes.</summary>
    /// <returns>The object version holding it.</returns>
    public async Task<ModelObject> EnsureAsync(string key, string label, byte[] bytes, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await ResolveAsync(key, label, cancellationToken) is { } existing && existing.Sha256 == sha256)
        {
            return existing;
        }

        var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(bytes, writable: false) };
        request.Metadata.Add(VersionMetadata, label);
        request.Metadata.Add(Sha256Metadata, sha256);
        var put = await s3.PutObjectAsync(request, cancellationToken);
        return new ModelObject(key, label, put.VersionId, sha256);
    }

    /// <summary>The newest object version of <paramref name="key"/> labelled <paramref name="label"/>, or null when none is.</summary>
    public async Task<ModelObject?> ResolveAsync(string key, string label, CancellationToken cancellationToken)
    {
        var listing = new ListVersionsRequest { BucketName = bucket, Prefix = key };
        var versions = new List<S3ObjectVersion>();
        do
        {
            var page = await s3.ListVersionsAsync(listing, cancellationToken);
            versions.AddRange((page.Versions ?? []).Where(v => v.Key == key && v.IsDeleteMarker != true));
            listing.KeyMarker = page.NextKeyMarker;
            listing.VersionIdMarker = page.NextVersionIdMarker;
            if (page.IsTruncated != true)
            {
                break;
            }
        }
        while (true);

        // S3 lists a key's versions newest first (LastModified has only whole seconds to tell them apart).
        foreach (var version in versions)
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = version.VersionId }, cancellationToken);
            if (head.Metadata[VersionMetadata] == label)
            {
                return new ModelObject(key, label, version.VersionId, head.Metadata[Sha256Metadata] ?? string.Empty);
            }
        }

        return null;
    }
}

/// <summary>One labelled object version.</summary>
/// <param name="Key">The model's key.</param>
/// <param name="Label">Its <c>model-version</c>.</param>
/// <param name="VersionId">The S3 object version.</param>
/// <param name="Sha256">Its <c>model-sha256</c>.</param>
internal sealed record ModelObject(string Key, string Label, string VersionId, string Sha256);
