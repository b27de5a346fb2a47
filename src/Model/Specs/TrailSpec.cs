using Reconciler.Model.Iam;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A CloudTrail trail: the account's audit log of API calls, written to its own encrypted
/// bucket (and optionally to a log group), multi-region and with log file validation so a
/// deleted or altered log file is noticed.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: the trail name is fixed by the document and unique in the region.
/// </remarks>
[Kind("Trail")]
public sealed record TrailSpec : IResourceSpec
{
    /// <summary>The trail's name, unique in the region. Defaults to <c>{stack}-{document name}</c>. Changing it replaces the trail.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? TrailName { get; init; }

    /// <summary>
    /// The Bucket document the log files go to. It must be encrypted and its policy must let
    /// cloudtrail.amazonaws.com read its ACL and put objects under AWSLogs/&lt;account&gt;/, for this
    /// trail only (an aws:SourceArn condition).
    /// </summary>
    [Reference("Bucket")]
    public required string Bucket { get; init; }

    /// <summary>The key prefix of the log files, without leading or trailing slash; unmanaged when absent.</summary>
    public string? S3KeyPrefix { get; init; }

    /// <summary>Whether the trail records events of every region (an audit trail should).</summary>
    public bool MultiRegion { get; init; } = true;

    /// <summary>Whether CloudTrail writes signed digest files, so a deleted or altered log file is detected.</summary>
    public bool LogFileValidation { get; init; } = true;

    /// <summary>Whether events of global services (IAM, STS, CloudFront) are recorded.</summary>
    public bool IncludeGlobalServiceEvents { get; init; } = true;

    /// <summary>The LogGroup document events are also delivered to; needs <c>logsRole</c>. Unmanaged when absent.</summary>
    [Reference("LogGroup")]
    public string? LogGroup { get; init; }

    /// <summary>The Role CloudTrail assumes to write to the log group (trusting cloudtrail.amazonaws.com).</summary>
    [Reference("Role")]
    public string? LogsRole { get; init; }

    /// <summary>Whether the trail is logging (StartLogging / StopLogging).</summary>
    public bool Logging { get; init; } = true;

    /// <summary>
    /// Log group and role together; an audit trail (multi-region, validated) where the stack's
    /// <c>policies.requireAuditTrail</c> says so, a warning otherwise; the bucket encrypted and
    /// its policy granting CloudTrail what it needs.
    /// </summary>
    public void Validate(SpecRules rules)
    {
        if (LogGroup is not null && LogsRole is null)
        {
            rules.Error("logGroup", "field 'logGroup' in Trail spec requires logsRole: CloudTrail writes to a log group only through a role it assumes; set logsRole to a Role trusting cloudtrail.amazonaws.com");
        }

        if (LogsRole is not null && LogGroup is null)
        {
            rules.Error("logsRole", "field 'logsRole' in Trail spec is used only with logGroup; set logGroup or remove logsRole");
        }

        if (MultiRegion && !IncludeGlobalServiceEvents)
        {
            rules.Error("includeGlobalServiceEvents", "Trail is multi-region but leaves out global service events; CloudTrail requires them on multi-region trails: set includeGlobalServiceEvents: true");
        }

        var strict = rules.Policies?.RequireAuditTrail == true;
        var why = strict ? " (the stack's policies.requireAuditTrail is true)" : "";
        if (!MultiRegion)
        {
            Report(rules, strict, "multiRegion", $"Trail records one region only{why}: calls made in other regions go unaudited; set multiRegion: true");
        }

        if (!LogFileValidation)
        {
            Report(rules, strict, "logFileValidation", $"Trail has log file validation off{why}: a deleted or altered log file would go unnoticed; set logFileValidation: true");
        }

        if (rules.HasValue("bucket") && rules.Find<BucketSpec>(Bucket) is { } bucket && BucketProblem(bucket, S3KeyPrefix, rules.AccountId) is { } problem)
        {
            rules.Error("bucket", $"bucket '{Bucket}' of Trail cannot take CloudTrail's logs: {problem}");
        }
    }

    /// <summary>Management events (the first copy is free; no data events are recorded) and S3 storage of the log files.</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var events = prices.Assumption("Trail", "managementEventsPerMonth");
        var storedGb = prices.Assumption("Trail", "logStorageGb");
        var usd = (events / 100_000 * prices.Price("cloudtrail.managementEvents")) + (storedGb * prices.Price("s3.standardStorage"));
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(events)} management events a month (first copy free), {MonthlyCost.Figure(storedGb)} GB of log files stored");
    }

    /// <summary>What the bucket lacks for CloudTrail's delivery, or null when it has it all.</summary>
    internal static string? BucketProblem(BucketSpec bucket, string? prefix, string? accountId) =>
        bucket.Encryption is null
            ? "it has no default encryption; set encryption: AES256 or aws:kms"
            : TrailBucketPolicy.Missing(bucket, prefix, accountId);

    private static void Report(SpecRules rules, bool error, string path, string message)
    {
        if (error)
        {
            rules.Error(path, message);
        }
        else
        {
            rules.Warn(path, message);
        }
    }
}
