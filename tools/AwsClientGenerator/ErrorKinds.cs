namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>
/// The kind (a Reconciler.Aws.AwsErrorKind member name) of one of a model's error shapes, from its
/// name, its query error code and its HTTP status: duplicates, missing resources, throttling,
/// conflicts, else other.
/// </summary>
internal static class ErrorKinds
{
    public static string Classify(string shapeName, string code, int? status)
    {
        string[] names = [shapeName, code];
        if (names.Any(n => n.Contains("AlreadyExists", StringComparison.Ordinal) || n.StartsWith("Duplicate", StringComparison.Ordinal)))
        {
            return "AlreadyExists";
        }

        if (names.Any(n => n.Contains("NotFound", StringComparison.Ordinal) || n.StartsWith("NoSuch", StringComparison.Ordinal)))
        {
            return "NotFound";
        }

        if (status == 429 || names.Any(n => n.Contains("Throttl", StringComparison.Ordinal) || n.Contains("TooManyRequests", StringComparison.Ordinal)))
        {
            return "Throttling";
        }

        if (status == 409 || names.Any(n => n.Contains("Conflict", StringComparison.Ordinal) || n.Contains("InUse", StringComparison.Ordinal)
            || n.StartsWith("ConcurrentModification", StringComparison.Ordinal)))
        {
            return "Conflict";
        }

        return status == 404 ? "NotFound" : "Other";
    }
}
