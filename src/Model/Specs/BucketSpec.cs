using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>An S3 bucket, such as the versioned model bucket.</summary>
[Kind("Bucket", Stateful = true)]
public sealed record BucketSpec : IResourceSpec
{
    /// <summary>
    /// The bucket's globally unique name. Defaults to <c>{stack}-{document name}</c>.
    /// Changing it replaces the bucket.
    /// </summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? BucketName { get; init; }

    /// <summary>Whether every object version is kept.</summary>
    public bool Versioning { get; init; } = true;

    /// <summary>Default encryption: AES256 (S3-managed keys) or aws:kms.</summary>
    [AllowedValues("AES256", "aws:kms")]
    public string Encryption { get; init; } = "AES256";

    /// <summary>The KMS key for aws:kms encryption; the AWS-managed key when absent.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>Whether all four public access block settings are on.</summary>
    public bool BlockPublicAccess { get; init; } = true;

    /// <summary>Lifecycle rules. Compared as a set.</summary>
    public IReadOnlyList<LifecycleRuleSpec> LifecycleRules { get; init; } = [];
}
