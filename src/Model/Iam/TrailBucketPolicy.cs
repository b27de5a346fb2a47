using System.Text.RegularExpressions;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Iam;

/// <summary>
/// What a trail's bucket policy must grant CloudTrail, checked before any AWS call: CloudTrail
/// refuses to create a trail (InsufficientS3BucketPolicyException) otherwise, and the error it
/// gives names neither the statement nor the fix. Required: <c>cloudtrail.amazonaws.com</c> may
/// <c>s3:GetBucketAcl</c> on the bucket and <c>s3:PutObject</c> on
/// <c>[prefix/]AWSLogs/&lt;account&gt;/*</c>, the latter only for this trail (an <c>aws:SourceArn</c>
/// condition), so no other account's trail can write into the bucket (the confused deputy).
/// </summary>
public static class TrailBucketPolicy
{
    private const string Service = "cloudtrail.amazonaws.com";

    /// <summary>What the bucket's policy lacks, or null when it grants all of it (or the names needed are unknown).</summary>
    public static string? Missing(BucketSpec bucket, string? prefix, string? accountId)
    {
        if (bucket.BucketName is not { } name || accountId is null)
        {
            return null;
        }

        var bucketArn = $"arn:aws:s3:::{name}";
        var objects = $"{bucketArn}/{(string.IsNullOrEmpty(prefix) ? "" : prefix + "/")}AWSLogs/{accountId}/*";
        var statements = (bucket.Policy?.Statements ?? []).Where(s => s is { Effect: "Allow" } && (s.Principals?.Service ?? []).Contains(Service)).ToList();
        var acl = statements.Any(s => Grants(s, "s3:GetBucketAcl", bucketArn));
        var put = statements.Where(s => Grants(s, "s3:PutObject", objects)).ToList();
        var missing = new List<string>();
        if (!acl)
        {
            missing.Add($"a statement allowing {Service} s3:GetBucketAcl on {bucketArn}");
        }

        if (put.Count == 0)
        {
            missing.Add($"a statement allowing {Service} s3:PutObject on {objects}");
        }
        else if (!put.Any(s => (s.Conditions ?? []).Any(c => string.Equals(c.Variable, "aws:SourceArn", StringComparison.OrdinalIgnoreCase))))
        {
            missing.Add("an aws:SourceArn condition (the trail's ARN) on the s3:PutObject statement");
        }

        return missing.Count == 0 ? null : $"its policy lacks {string.Join("; and ", missing)}";
    }

    private static bool Grants(PolicyStatementSpec statement, string action, string arn) =>
        (statement.Actions ?? []).Any(a => Covers(a, action, RegexOptions.IgnoreCase)) && (statement.Resources ?? []).Any(r => Covers(r, arn, RegexOptions.None));

    // IAM's wildcards: * any run of characters, ? one character.
    private static bool Covers(string pattern, string value, RegexOptions options) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", options | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
