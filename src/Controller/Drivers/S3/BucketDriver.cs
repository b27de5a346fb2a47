using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Iam;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.S3;

/// <summary>
/// Converges S3 buckets.
/// <para>
/// Reads: one ListBuckets for the region's names, then per bucket of the stack six reads,
/// because S3 has no batch read of bucket configuration: GetBucketVersioning,
/// GetBucketEncryption, GetPublicAccessBlock, GetBucketLifecycleConfiguration, GetBucketPolicy
/// and GetBucketTagging (ListBuckets returns neither settings nor tags, and there is no tag filter).
/// </para>
/// <para>
/// Live form: <c>versioning</c> is true only when S3 says Enabled (Suspended and never-enabled
/// are false); <c>encryption</c> is null when the bucket has no default encryption;
/// <c>blockPublicAccess</c> is true only when all four settings are on; <c>lifecycleRules</c>
/// holds the enabled rules only, so a disabled rule shows as a difference and is re-enabled;
/// <c>policy</c> is null when the bucket has none, and is read through <see cref="PolicyJson"/>,
/// which takes S3's rewritten JSON (an account id principal comes back as its root ARN).
/// </para>
/// </summary>
internal sealed class BucketDriver : NameAddressedDriver<BucketSpec, S3Bucket>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. S3Tags.Operations,
        .. StackTagIndex.Operations,
        SdkOperations.S3.CreateBucket,
        SdkOperations.S3.DeleteBucket,
        SdkOperations.S3.DeleteBucketLifecycle,
        SdkOperations.S3.DeleteObjects,
        SdkOperations.S3.GetBucketEncryption,
        SdkOperations.S3.GetBucketLifecycleConfiguration,
        SdkOperations.S3.GetBucketPolicy,
        SdkOperations.S3.GetBucketVersioning,
        SdkOperations.S3.GetPublicAccessBlock,
        SdkOperations.S3.ListBuckets,
        SdkOperations.S3.ListObjectVersions,
        SdkOperations.S3.PutBucketEncryption,
        SdkOperations.S3.PutBucketLifecycleConfiguration,
        SdkOperations.S3.PutBucketPolicy,
        SdkOperations.S3.PutBucketVersioning,
        SdkOperations.S3.PutPublicAccessBlock,
    ];

    protected override AwsService Service => AwsService.S3;

    protected override ITagApi Tags => S3Tags.Instance;

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

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, S3Bucket listed, DriverContext context, CancellationToken cancellationToken)
    {
        var (s3, name) = (context.Aws.S3, listed.BucketName);

        // The five reads are independent: sent together, a bucket costs one round trip, not five.
        var versioningRead = s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = name }, cancellationToken);
        var encryptionRead = Unset.OrAsync(
            async () => (await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = name }, cancellationToken)).ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault()?.ServerSideEncryptionByDefault,
            "ServerSideEncryptionConfigurationNotFoundError",
            null);
        var blockRead = Unset.OrAsync(
            async () => (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = name }, cancellationToken)).PublicAccessBlockConfiguration,
            "NoSuchPublicAccessBlockConfiguration",
            null);
        var lifecycleRead = Unset.OrAsync(
            async () => (await s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = name }, cancellationToken)).Configuration?.Rules ?? [],
            "NoSuchLifecycleConfiguration",
            []);
        var policyRead = Unset.OrAsync(
            async () => LivePolicy((await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = name }, cancellationToken)).Policy),
            "NoSuchBucketPolicy",
            null);
        await Task.WhenAll(versioningRead, encryptionRead, blockRead, lifecycleRead, policyRead);
        var (versioning, encryption, block, lifecycle) = (await versioningRead, await encryptionRead, await blockRead, await lifecycleRead);
        var live = new BucketSpec
        {
            BucketName = name,
            Versioning = versioning.VersioningConfig?.Status == VersionStatus.Enabled,
            Encryption = encryption?.ServerSideEncryptionAlgorithm?.Value,
            KmsKeyId = encryption?.ServerSideEncryptionKeyManagementServiceKeyId,
            BlockPublicAccess = block is { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
            LifecycleRules = [.. lifecycle.Where(r => r.Status == LifecycleRuleStatus.Enabled).Select(LiveRule)],
            Policy = await policyRead,
        };
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = Arns.Bucket(context.Stack.Region, name) };
        var outputs = new Dictionary<string, string> { ["bucketName"] = name, ["bucketArn"] = identity["arn"], ["region"] = context.Stack.Region };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, outputs);
    }

    // S3 takes no settings or tags with CreateBucket: they follow as in-place changes. The
    // deterministic name makes a crash in between harmless: the next cycle adopts the bucket.
    protected override async Task<string> CreateNewAsync(ResourceKey key, BucketSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var (name, region) = (NameOf(spec), context.Stack.Region);
        try
        {
            // us-east-1 is S3's default location and refuses a location constraint naming it.
            await context.Aws.S3.PutBucketAsync(
                new PutBucketRequest { BucketName = name, UseClientRegion = false, BucketRegionName = region == "us-east-1" ? null : region },
                cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
        }

        return name;
    }

    protected override async Task ApplyAsync(SpecChange<BucketSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (s3, name, spec) = (context.Aws.S3, change.Id, change.Desired);
        if (change.Changed("versioning"))
        {
            var status = spec.Versioning ? VersionStatus.Enabled : VersionStatus.Suspended;
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = name, VersioningConfig = new S3BucketVersioningConfig { Status = status } }, cancellationToken);
        }

        if (change.Changed("encryption") || change.Changed("kmsKeyId"))
        {
            await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest { BucketName = name, ServerSideEncryptionConfiguration = EncryptionOf(spec) }, cancellationToken);
        }

        if (change.Changed("blockPublicAccess"))
        {
            var on = spec.BlockPublicAccess;
            var block = new PublicAccessBlockConfiguration { BlockPublicAcls = on, IgnorePublicAcls = on, BlockPublicPolicy = on, RestrictPublicBuckets = on };
            await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest { BucketName = name, PublicAccessBlockConfiguration = block }, cancellationToken);
        }

        // A policy absent from the document is unmanaged, so a change always has one to put.
        if (change.Changed("policy") && spec.Policy is { } policy)
        {
            await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = name, Policy = PolicyJson.Write(policy) }, cancellationToken);
        }

        // S3 replaces the whole lifecycle configuration at once, and refuses an empty one.
        if (change.Changed("lifecycleRules"))
        {
            await (spec.LifecycleRules.Count == 0
                ? (Task)s3.DeleteLifecycleConfigurationAsync(new DeleteLifecycleConfigurationRequest { BucketName = name }, cancellationToken)
                : s3.PutLifecycleConfigurationAsync(
                    new PutLifecycleConfigurationRequest { BucketName = name, Configuration = new LifecycleConfiguration { Rules = [.. spec.LifecycleRules.Select(SdkRule)] } },
                    cancellationToken));
        }
    }

    /// <summary>
    /// Empties the bucket (every object version and delete marker, 1000 per DeleteObjects call),
    /// then deletes it. The planner asks for this only when the document said deletionPolicy: delete.
    /// </summary>
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(async () =>
        {
            await S3Objects.DeleteAllVersionsAsync(context.Aws.S3, identity["id"], key.ToString(), cancellationToken);
            await context.Aws.S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = identity["id"] }, cancellationToken);
        });

    protected override bool IsNotFound(Exception error) => error is AmazonS3Exception { ErrorCode: "NoSuchBucket" };

    // Bucket keys cut KMS requests (and their cost) by orders of magnitude.
    private static ServerSideEncryptionConfiguration EncryptionOf(BucketSpec spec) => new()
    {
        ServerSideEncryptionRules =
        [
            new ServerSideEncryptionRule
            {
                ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                {
                    ServerSideEncryptionAlgorithm = new ServerSideEncryptionMethod(spec.Encryption!),
                    ServerSideEncryptionKeyManagementServiceKeyId = spec.Encryption == "aws:kms" ? spec.KmsKeyId : null,
                },
                BucketKeyEnabled = spec.Encryption == "aws:kms",
            },
        ],
    };

    // The SDK does not raise S3's 404 NoSuchBucketPolicy: it hands back the error document as the
    // policy text (an empty text where S3 sends no body). Either means the bucket has no policy.
    private static PolicyDocumentSpec? LivePolicy(string? text) =>
        text is null || text.Trim().Length == 0 || (text.TrimStart().StartsWith('<') && text.Contains("<Code>NoSuchBucketPolicy</Code>", StringComparison.Ordinal))
            ? null
            : PolicyJson.Read(text);

    private static LifecycleRuleSpec LiveRule(LifecycleRule rule) => new()
    {
        Id = rule.Id,

        // The SDK reads a filter's prefix into its predicate; rules written by older tools carry the legacy top-level prefix.
#pragma warning disable CS0618
        Prefix = rule.Filter?.Prefix ?? (rule.Filter?.LifecycleFilterPredicate as LifecyclePrefixPredicate)?.Prefix ?? rule.Prefix ?? "",
#pragma warning restore CS0618
        ExpirationDays = rule.Expiration?.Days,
        NoncurrentVersionExpirationDays = rule.NoncurrentVersionExpiration?.NoncurrentDays,
        AbortIncompleteMultipartUploadDays = rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation,
    };

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
