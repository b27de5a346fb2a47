using System.Net;
using Reconciler.Model.Iam;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An S3 bucket, such as the versioned model bucket.</summary>
[Kind("Bucket", Stateful = true)]
public sealed record BucketSpec : IResourceSpec
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>S3's bucket naming rules; the length rule first, so the others may index the name.</summary>
    private static readonly (Func<string, bool> Breaks, Func<string, string> Problem)[] NamingRules =
    [
        (n => n.Length is < 3 or > 63, n => $"must be 3 to 63 characters long (this one has {n.Length})"),
        (n => n.Any(c => c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-')), _ => "may contain only lowercase letters, digits, dots and hyphens"),
        (n => !char.IsAsciiLetterOrDigit(n[0]) || !char.IsAsciiLetterOrDigit(n[^1]), _ => "must start and end with a letter or digit"),
        (n => n.Contains("..", StringComparison.Ordinal), _ => "must not contain two adjacent dots"),
        (n => n.Count(c => c == '.') == 3 && IPAddress.TryParse(n, out _), _ => "must not be formatted as an IP address"),
        (n => ReservedPrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal)), n => $"must not start with '{ReservedPrefixes.First(p => n.StartsWith(p, StringComparison.Ordinal))}'"),
        (n => ReservedSuffixes.Any(x => n.EndsWith(x, StringComparison.Ordinal)), n => $"must not end with '{ReservedSuffixes.First(x => n.EndsWith(x, StringComparison.Ordinal))}'"),
    ];

    /// <summary>
    /// The bucket's globally unique name. Defaults to <c>{stack}-{document name}</c>.
    /// Changing it replaces the bucket.
    /// </summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? BucketName { get; init; }

    /// <summary>Whether every object version is kept.</summary>
    public bool Versioning { get; init; } = true;

    /// <summary>Default encryption: AES256 (S3-managed keys) or aws:kms.</summary>
    /// <remarks>Null only in live state, for a bucket without default encryption.</remarks>
    [AllowedValues("AES256", "aws:kms")]
    public string? Encryption { get; init; } = "AES256";

    /// <summary>The KMS key for aws:kms encryption; the AWS-managed key when absent.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>Whether all four public access block settings are on.</summary>
    public bool BlockPublicAccess { get; init; } = true;

    /// <summary>Lifecycle rules. Compared as a set.</summary>
    public IReadOnlyList<LifecycleRuleSpec> LifecycleRules { get; init; } = [];

    /// <summary>
    /// The bucket policy: who else may act on the bucket, e.g. Elastic Load Balancing writing
    /// access logs or CloudTrail writing audit logs. Statements name principals and resources.
    /// Unmanaged when absent (a policy set by someone else is then left alone).
    /// </summary>
    public PolicyDocumentSpec? Policy { get; init; }

    /// <summary>S3 bucket naming rules, kmsKeyId only with aws:kms encryption, and the policy's statements.</summary>
    public void Validate(SpecRules rules)
    {
        PolicyRules.CheckResource(rules, "Bucket", "policy", Policy);

        if (KmsKeyId is not null && Encryption is not "aws:kms")
        {
            rules.Error("kmsKeyId", "field 'kmsKeyId' in Bucket spec requires encryption: aws:kms; set encryption: aws:kms or remove kmsKeyId");
        }

        if (BucketName is not { } name || NameProblem(name) is not { } problem)
        {
            return;
        }

        if (rules.IsSet("bucketName"))
        {
            rules.Error("bucketName", $"invalid bucketName '{name}' in Bucket spec: S3 bucket names {problem}");
        }
        else
        {
            rules.ErrorAtName($"default bucket name '{name}' (stack name and document name) is invalid: S3 bucket names {problem}; set spec.bucketName or shorten the names");
        }
    }

    /// <summary>Storage (noncurrent versions too, when versioned) and requests, at the table's usage.</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var gb = prices.Assumption("Bucket", "storageGb") + (Versioning ? prices.Assumption("Bucket", "noncurrentGb") : 0);
        var puts = prices.Assumption("Bucket", "putRequestsPerMonth");
        var gets = prices.Assumption("Bucket", "getRequestsPerMonth");
        var usd = (gb * prices.Price("s3.standardStorage")) + (puts / 1000 * prices.Price("s3.putRequests")) + (gets / 1000 * prices.Price("s3.getRequests"));
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(gb)} GB stored, {MonthlyCost.Figure(puts)} PUT and {MonthlyCost.Figure(gets)} GET requests a month");
    }

    /// <summary>The S3 naming rule a name breaks (the first, in this order), or null.</summary>
    internal static string? NameProblem(string name) =>
        NamingRules.FirstOrDefault(rule => rule.Breaks(name)) is { Problem: { } problem } ? problem(name) : null;
}
