using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Models;

/// <summary>Reads a model from the versioned model bucket, pinned to an object version when one is given.</summary>
internal sealed class S3ModelSource(IAmazonS3 s3)
{
    public async Task<ModelBytes> ReadAsync(S3ModelLocation location, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = location.Bucket, Key = location.Key };
        if (!string.IsNullOrEmpty(location.VersionId))
        {
            request.VersionId = location.VersionId;
        }

        using var response = await s3.GetObjectAsync(request, cancellationToken);
        using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        var source = $"s3://{location.Bucket}/{location.Key}?versionId={response.VersionId}";
        return new ModelBytes(buffer.ToArray(), source);
    }
}
