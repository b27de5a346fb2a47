using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One bucket lifecycle rule: what expires, and when.</summary>
public sealed record LifecycleRuleSpec
{
    /// <summary>The rule's id, unique within the bucket.</summary>
    public required string Id { get; init; }

    /// <summary>The key prefix the rule applies to; the whole bucket when empty.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Days after which current versions expire.</summary>
    [Range(1, 36500)]
    public int? ExpirationDays { get; init; }

    /// <summary>Days after which noncurrent versions are removed.</summary>
    [Range(1, 36500)]
    public int? NoncurrentVersionExpirationDays { get; init; }

    /// <summary>Days after which incomplete multipart uploads are aborted.</summary>
    [Range(1, 36500)]
    public int? AbortIncompleteMultipartUploadDays { get; init; }
}
