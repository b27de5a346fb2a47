namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>
/// The kind (a Reconciler.Aws.AwsErrorKind member name) of one of a model's error shapes, from its
/// name, its query error code and its HTTP status: quotas stay "other" (waiting does not lift them),
/// then duplicates, missing resources, conflicts, throttling, and last the status alone.
/// </summary>
internal static class ErrorKinds
{
    public static string Classify(string shapeName, string code, int? status)
    {
        string[] names = [shapeName, code];
        bool Any(Func<string, bool> test) => names.Any(test);

        if (Any(n => n.Contains("LimitExceeded", StringComparison.Ordinal) || n.Contains("Quota", StringComparison.Ordinal)))
        {
            return "Other";
        }

        // DuplicateTagKeys is a malformed request, not an existing resource.
        if (Any(n => n.Contains("AlreadyExists", StringComparison.Ordinal)
            || (n.StartsWith("Duplicate", StringComparison.Ordinal) && !n.Contains("Tag", StringComparison.Ordinal))))
        {
            return "AlreadyExists";
        }

        if (Any(n => n.Contains("NotFound", StringComparison.Ordinal) || n.StartsWith("NoSuch", StringComparison.Ordinal)))
        {
            return "NotFound";
        }

        if (Any(n => n.Contains("Conflict", StringComparison.Ordinal) || n.StartsWith("ConcurrentModification", StringComparison.Ordinal)
            || (n.Contains("InUse", StringComparison.Ordinal) && !n.Contains("NotInUse", StringComparison.Ordinal))))
        {
            return "Conflict";
        }

        if (status == 429 || Any(n => n.Contains("Throttl", StringComparison.Ordinal) || n.Contains("TooManyRequests", StringComparison.Ordinal)))
        {
            return "Throttling";
        }

        return status switch
        {
            409 => "Conflict",
            404 => "NotFound",
            _ => "Other",
        };
    }
}
