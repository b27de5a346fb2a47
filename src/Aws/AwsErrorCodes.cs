namespace Reconciler.Aws;

/// <summary>What AWS error codes mean for retrying and for drivers.</summary>
public static class AwsErrorCodes
{
    // The throttling and transient codes of the AWS SDKs' standard retry mode (botocore's
    // _retry.json), less LimitExceededException, which CloudWatch Logs and others use for
    // quotas that waiting does not lift.
    private static readonly HashSet<string> Retryable = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
        "InternalError", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException",
    };

    // The codes that say "too fast", as opposed to conflicts (PriorRequestNotComplete,
    // TransactionInProgressException) or quotas (LimitExceededException) that a slower rate
    // does not help: only these cut the request budget's rate.
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "EC2ThrottledException",
    };

    /// <summary>Whether an error is worth retrying: throttling, transient codes, HTTP 429 and 5xx (but 501).</summary>
    public static bool IsRetryable(string errorCode, int statusCode) =>
        Retryable.Contains(errorCode) || statusCode == 429 || (statusCode >= 500 && statusCode != 501);

    /// <summary>
    /// Whether an answer says the caller is sending too fast: HTTP 429, or a throttling code
    /// (Throttling, ThrottlingException, TooManyRequestsException, RequestLimitExceeded,
    /// SlowDown, ProvisionedThroughputExceededException, ...); null when the answer named none.
    /// </summary>
    public static bool IsThrottling(string? errorCode, int statusCode) =>
        statusCode == 429 || (errorCode is not null && Throttling.Contains(errorCode));

    /// <summary>Whether a code says the named resource does not exist.</summary>
    public static bool IsNotFound(string errorCode) =>
        errorCode is "ResourceNotFoundException" or "NoSuchEntity" or "NotFoundException" or "NotFound"
        || errorCode.StartsWith("NoSuch", StringComparison.Ordinal)
        || errorCode.EndsWith(".NotFound", StringComparison.Ordinal)
        || errorCode.EndsWith("NotFoundFault", StringComparison.Ordinal)
        || errorCode.EndsWith("NotFoundException", StringComparison.Ordinal);

    /// <summary>Whether a code says the resource to create exists already.</summary>
    public static bool IsAlreadyExists(string errorCode) =>
        errorCode is "ResourceAlreadyExistsException" or "EntityAlreadyExists" or "AlreadyExistsException"
        || errorCode.EndsWith(".Duplicate", StringComparison.Ordinal)
        || errorCode.EndsWith("AlreadyExists", StringComparison.Ordinal)
        || errorCode.EndsWith("AlreadyExistsFault", StringComparison.Ordinal)
        || errorCode.EndsWith("AlreadyExistsException", StringComparison.Ordinal)
        || errorCode is "BucketAlreadyOwnedByYou";

    /// <summary>Whether an error message says the resource to create exists already ("already exists", Lambda's "already exist").</summary>
    public static bool SaysAlreadyExists(string? errorMessage) =>
        errorMessage is not null && errorMessage.Contains("already exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The kind of an error code no error table lists, judged by its name and then its HTTP
    /// status: duplicates, missing resources, throttling, conflicts (409, *InUse*, *Conflict*).
    /// </summary>
    public static AwsErrorKind KindOf(string errorCode, int statusCode) =>
        IsAlreadyExists(errorCode) ? AwsErrorKind.AlreadyExists
        : IsNotFound(errorCode) ? AwsErrorKind.NotFound
        : IsThrottling(errorCode, statusCode) ? AwsErrorKind.Throttling
        : IsConflict(errorCode) || statusCode == 409 ? AwsErrorKind.Conflict
        : AwsErrorKind.Other;

    private static bool IsConflict(string errorCode) =>
        errorCode.Contains("Conflict", StringComparison.Ordinal)
        || (errorCode.Contains("InUse", StringComparison.Ordinal) && !errorCode.Contains("NotInUse", StringComparison.Ordinal))
        || errorCode.StartsWith("ConcurrentModification", StringComparison.Ordinal);
}
