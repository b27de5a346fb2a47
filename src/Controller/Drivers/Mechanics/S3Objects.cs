using Amazon.S3;
using Amazon.S3.Model;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>What S3 needs before a bucket can go: every object version and delete marker deleted.</summary>
internal static class S3Objects
{
    /// <summary>DeleteObjects takes at most this many keys per call.</summary>
    private const int DeleteBatchSize = 1000;

    /// <summary>Deletes every version of every object, a thousand per call; <paramref name="resource"/> names the bucket's document in errors.</summary>
    public static async Task DeleteAllVersionsAsync(IAmazonS3 s3, string bucketName, string resource, CancellationToken cancellationToken)
    {
        // Each listing starts afresh: the previous page's versions are deleted by then.
        while (true)
        {
            var versions = (await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucketName, MaxKeys = DeleteBatchSize }, cancellationToken)).Versions ?? [];
            if (versions.Count == 0)
            {
                return;
            }

            var objects = versions.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList();
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucketName, Quiet = true, Objects = objects }, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new InvalidOperationException(
                    $"{resource}: could not delete {errors.Count} object versions of bucket {bucketName}, e.g. '{errors[0].Key}': {errors[0].Code}: {errors[0].Message}");
            }
        }
    }
}
