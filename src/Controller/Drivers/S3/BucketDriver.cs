using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.S3;

/// <summary>
/// Converges S3 buckets.
/// <para>
/// Reads: one ListBuckets for the region's names, then per bucket of the stack five reads,
/// because S3 has no batch read of bucket configuration: GetBucketVersioning,
/// GetBucketEncryption, GetPublicAccessBlock, GetBucketLifecycleConfiguration and
/// GetBucketTagging (ListBuckets returns neither settings nor tags, and there is no tag filter).
/// </para>
/// <para>
/// Live form: <c>versioning</c> is true only when S3 says Enabled (Suspended and never-enabled
/// are false); <c>encryption</c> is the default algorithm, null when the bucket has no default
/// encryption configuration; <c>blockPublicAccess</c> is true only when all four settings are
/// on; <c>lifecycleRules</c> holds the enabled rules as <c>{id, prefix, expirationDays?,
/// noncurrentVersionExpirationDays?, abortIncompleteMultipartUploadDays?}</c>, prefix "" for the
/// whole bucket. A disabled rule is left out, so it shows as a difference and is re-enabled.
/// </para>
/// </summary>
internal sealed class BucketDriver : NameAddressedDriver<BucketSpec, S3Bucket>
{
    /// <summary>DeleteObjects takes at most this many keys per call.</summary>
    private const int DeleteBatchSize = 1000;

    protected override string NameOf(BucketSpec spec) => spec.BucketName!;

    // The prefix is not sent: ListBuckets' prefix filter is recent and not served everywhere.
    protected override async Task<IReadOnlyDictionary<string, S3Bucket>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var buckets = await Pages.ReadAllAsync<S3Bucket>(async token =>
        {
            var response = await context.Aws.S3.ListBucketsAsync(new ListBucketsRequest { ContinuationToken = token }, cancellationToken);
            return (response.Buckets, response.ContinuationToken);
        });
        return buckets.GroupBy(b => b.BucketName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource?> ReadAsync(ResourceKey key, S3Bucket listed, DriverContext context, CancellationToken cancellationToken)
    {
        var s3 = context.Aws.S3;
        var name = listed.BucketName;
        try
        {
            var versioning = await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = name }, cancellationToken);
            var encryption = await ReadEncryptionAsync(s3, name, cancellationToken);
            var blockPublicAccess = await ReadBlockPublicAccessAsync(s3, name, cancellationToken);
            var lifecycle = await ReadLifecycleAsync(s3, name, cancellationToken);
            var tags = await S3Tags.ReadAsync(s3, name, cancellationToken);
            var arn = Arns.Bucket(context.Stack.Region, name);
            return new ObservedResource
            {
                Key = key,
                Exists = true,
                Live = new JsonObject
                {
                    ["bucketName"] = name,
                    ["versioning"] = versioning.VersioningConfig?.Status == VersionStatus.Enabled,
                    ["encryption"] = encryption?.ServerSideEncryptionAlgorithm?.Value,
                    ["kmsKeyId"] = encryption?.ServerSideEncryptionKeyManagementServiceKeyId,
                    ["blockPublicAccess"] = blockPublicAccess,
                    ["lifecycleRules"] = new JsonArray([.. lifecycle.Select(LiveRule)]),
                },
                Tags = tags,
                Identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn },
                Outputs = new Dictionary<string, string> { ["bucketName"] = name, ["bucketArn"] = arn, ["region"] = context.Stack.Region },
            };
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            return null;
        }
    }

    protected override async Task<ObservedResource> CreateAsync(ResourceKey key, BucketSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var name = NameOf(spec);
        try
        {
            // us-east-1 is S3's default location and refuses a location constraint naming it.
            var region = context.Stack.Region;
            await context.Aws.S3.PutBucketAsync(
                new PutBucketRequest { BucketName = name, UseClientRegion = false, BucketRegionName = region == "us-east-1" ? null : region },
                cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Ours already (an earlier create that was not recorded): adopt it.
        }

        // S3 takes no settings or tags with CreateBucket; the deterministic name makes a crash
        // before these calls harmless: the next cycle finds the bucket and updates what differs.
        var s3 = context.Aws.S3;
        await PutVersioningAsync(s3, name, spec, cancellationToken);
        await PutEncryptionAsync(s3, name, spec, cancellationToken);
        await PutBlockPublicAccessAsync(s3, name, spec, cancellationToken);
        await PutLifecycleAsync(s3, name, spec, cancellationToken);
        await S3Tags.ConvergeAsync(s3, name, tags, await S3Tags.ReadAsync(s3, name, cancellationToken), cancellationToken);
        return await ObserveByNameAsync(key, name, context, cancellationToken);
    }

    protected override async Task<ObservedResource> UpdateAsync(ResourceKey key, BucketSpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken)
    {
        var name = observed.Identity["id"];
        var s3 = context.Aws.S3;
        var changed = fields.Select(f => f.Path.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        if (changed.Contains("versioning"))
        {
            await PutVersioningAsync(s3, name, spec, cancellationToken);
        }

        if (changed.Contains("encryption") || changed.Contains("kmsKeyId"))
        {
            await PutEncryptionAsync(s3, name, spec, cancellationToken);
        }

        if (changed.Contains("blockPublicAccess"))
        {
            await PutBlockPublicAccessAsync(s3, name, spec, cancellationToken);
        }

        if (changed.Contains("lifecycleRules"))
        {
            await PutLifecycleAsync(s3, name, spec, cancellationToken);
        }

        await S3Tags.ConvergeAsync(s3, name, tags, observed.Tags, cancellationToken);
        return await ObserveByNameAsync(key, name, context, cancellationToken);
    }

    /// <summary>
    /// Empties the bucket (every object version and delete marker, 1000 per DeleteObjects call),
    /// then deletes it. The planner asks for this only when the document said deletionPolicy: delete.
    /// </summary>
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var name = identity["id"];
        try
        {
            await EmptyAsync(context.Aws.S3, key, name, cancellationToken);
            await context.Aws.S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = name }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            // Already gone: a delete of a missing resource succeeds.
        }
    }

    private static async Task EmptyAsync(IAmazonS3 s3, ResourceKey key, string name, CancellationToken cancellationToken)
    {
        // Each listing starts afresh: the previous page's versions are deleted by then.
        while (true)
        {
            var page = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = name, MaxKeys = DeleteBatchSize }, cancellationToken);
            var versions = page.Versions ?? [];
            if (versions.Count == 0)
            {
                return;
            }

            var response = await s3.DeleteObjectsAsync(
                new DeleteObjectsRequest
                {
                    BucketName = name,
                    Quiet = true,
                    Objects = versions.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList(),
                },
                cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new InvalidOperationException(
                    $"{key}: could not delete {errors.Count} object versions of bucket {name}, e.g. '{errors[0].Key}': {errors[0].Code}: {errors[0].Message}");
            }
        }
    }

    private static JsonNode LiveRule(LifecycleRule rule)
    {
        // The SDK reads a filter's prefix into its predicate; rules written by older tools carry
        // the legacy top-level prefix instead of a filter.
#pragma warning disable CS0618
        var prefix = rule.Filter?.Prefix ?? (rule.Filter?.LifecycleFilterPredicate as LifecyclePrefixPredicate)?.Prefix ?? rule.Prefix ?? "";
#pragma warning restore CS0618
        var item = new JsonObject { ["id"] = rule.Id, ["prefix"] = prefix };
        if (rule.Expiration?.Days is { } expiration)
        {
            item["expirationDays"] = expiration;
        }

        if (rule.NoncurrentVersionExpiration?.NoncurrentDays is { } noncurrent)
        {
            item["noncurrentVersionExpirationDays"] = noncurrent;
        }

        if (rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation is { } abort)
        {
            item["abortIncompleteMultipartUploadDays"] = abort;
        }

        return item;
    }

    private static async Task<ServerSideEncryptionByDefault?> ReadEncryptionAsync(IAmazonS3 s3, string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = name }, cancellationToken);
            return response.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault()?.ServerSideEncryptionByDefault;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "ServerSideEncryptionConfigurationNotFoundError")
        {
            return null;
        }
    }

    private static async Task<bool> ReadBlockPublicAccessAsync(IAmazonS3 s3, string name, CancellationToken cancellationToken)
    {
        try
        {
            var block = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = name }, cancellationToken)).PublicAccessBlockConfiguration;
            return block is { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchPublicAccessBlockConfiguration")
        {
            return false;
        }
    }

    private static async Task<List<LifecycleRule>> ReadLifecycleAsync(IAmazonS3 s3, string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = name }, cancellationToken);
            return (response.Configuration?.Rules ?? []).Where(r => r.Status == LifecycleRuleStatus.Enabled).ToList();
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchLifecycleConfiguration")
        {
            return [];
        }
    }

    private static Task PutVersioningAsync(IAmazonS3 s3, string name, BucketSpec spec, CancellationToken cancellationToken) =>
        s3.PutBucketVersioningAsync(
            new PutBucketVersioningRequest
            {
                BucketName = name,
                VersioningConfig = new S3BucketVersioningConfig { Status = spec.Versioning ? VersionStatus.Enabled : VersionStatus.Suspended },
            },
            cancellationToken);

    private static Task PutEncryptionAsync(IAmazonS3 s3, string name, BucketSpec spec, CancellationToken cancellationToken) =>
        s3.PutBucketEncryptionAsync(
            new PutBucketEncryptionRequest
            {
                BucketName = name,
                ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
                {
                    ServerSideEncryptionRules =
                    [
                        new ServerSideEncryptionRule
                        {
                            ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                            {
                                ServerSideEncryptionAlgorithm = new ServerSideEncryptionMethod(spec.Encryption),
                                ServerSideEncryptionKeyManagementServiceKeyId = spec.Encryption == "aws:kms" ? spec.KmsKeyId : null,
                            },

                            // Bucket keys cut KMS requests (and their cost) by orders of magnitude.
                            BucketKeyEnabled = spec.Encryption == "aws:kms",
                        },
                    ],
                },
            },
            cancellationToken);

    private static Task PutBlockPublicAccessAsync(IAmazonS3 s3, string name, BucketSpec spec, CancellationToken cancellationToken) =>
        s3.PutPublicAccessBlockAsync(
            new PutPublicAccessBlockRequest
            {
                BucketName = name,
                PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
                {
                    BlockPublicAcls = spec.BlockPublicAccess,
                    IgnorePublicAcls = spec.BlockPublicAccess,
                    BlockPublicPolicy = spec.BlockPublicAccess,
                    RestrictPublicBuckets = spec.BlockPublicAccess,
                },
            },
            cancellationToken);

    // S3 replaces the whole lifecycle configuration at once, and refuses an empty one.
    private static Task PutLifecycleAsync(IAmazonS3 s3, string name, BucketSpec spec, CancellationToken cancellationToken) =>
        spec.LifecycleRules.Count == 0
            ? s3.DeleteLifecycleConfigurationAsync(new DeleteLifecycleConfigurationRequest { BucketName = name }, cancellationToken)
            : s3.PutLifecycleConfigurationAsync(
                new PutLifecycleConfigurationRequest
                {
                    BucketName = name,
                    Configuration = new LifecycleConfiguration { Rules = [.. spec.LifecycleRules.Select(SdkRule)] },
                },
                cancellationToken);

    private static LifecycleRule SdkRule(LifecycleRuleSpec rule) => new()
    {
        Id = rule.Id,
        Status = LifecycleRuleStatus.Enabled,
        Filter = new LifecycleFilter { Prefix = rule.Prefix },
        Expiration = rule.ExpirationDays is { } days ? new LifecycleRuleExpiration { Days = days } : null,
        NoncurrentVersionExpiration = rule.NoncurrentVersionExpirationDays is { } noncurrent ? new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = noncurrent } : null,
        AbortIncompleteMultipartUpload = rule.AbortIncompleteMultipartUploadDays is { } abort ? new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = abort } : null,
    };
}
