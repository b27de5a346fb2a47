using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// Where a function's code comes from: a zip in the model bucket, pinned by key and S3 object
/// version id (so the same document always deploys the same bytes), or a container image in ECR.
/// Exactly one of the two.
/// </summary>
public sealed record FunctionCodeSpec
{
    /// <summary>The Bucket document holding the zip package.</summary>
    [Reference("Bucket")]
    public string? Bucket { get; init; }

    /// <summary>The package's object key in the bucket.</summary>
    public string? Key { get; init; }

    /// <summary>The S3 version id of the package object: a new id deploys new code.</summary>
    public string? Version { get; init; }

    /// <summary>An ECR image URI (<c>account.dkr.ecr.region.amazonaws.com/repo:tag</c> or <c>@sha256:...</c>) for an image function.</summary>
    public string? Image { get; init; }

    /// <summary>Whether the code is a zip package from the bucket (else a container image).</summary>
    public bool IsZip => Image is null;

    /// <summary>Exactly one source; a bucket package names its key and version id.</summary>
    internal void Validate(SpecRules rules, string path)
    {
        var fromBucket = Bucket is not null || Key is not null || Version is not null;
        if (fromBucket == (Image is not null))
        {
            rules.Error(path, $"{path} in Function spec needs exactly one code source: either bucket, key and version (a zip in a Bucket document) or image (an ECR image URI)");
            return;
        }

        if (!fromBucket)
        {
            return;
        }

        foreach (var (field, value) in new[] { ("bucket", Bucket), ("key", Key), ("version", Version) })
        {
            if (value is null)
            {
                rules.Error(path, $"{path}.{field} in Function spec is missing: code from a bucket needs bucket, key and version (the S3 object version id that pins the package)");
            }
        }
    }
}
