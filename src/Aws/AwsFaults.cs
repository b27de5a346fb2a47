using Amazon.Runtime;

namespace Reconciler.Aws;

/// <summary>Judges a failed attempt of any AWS client, official SDK or the project's own, for retrying.</summary>
public static class AwsFaults
{
    /// <summary>
    /// What <paramref name="error"/> means for a retry: throttling (every code botocore's
    /// _retry.json lists, HTTP 429), transient (5xx but 501, timeouts, connection errors) or
    /// nothing to retry. A cancellation the caller asked for is never retried.
    /// </summary>
    public static AwsFault Classify(Exception error, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            return AwsFault.None;
        }

        switch (error)
        {
            case AwsServiceException own:
                return OfCode(own.ErrorCode, (int)own.StatusCode);
            case AmazonServiceException sdk when !string.IsNullOrEmpty(sdk.ErrorCode) || (int)sdk.StatusCode != 0:
                return OfCode(sdk.ErrorCode ?? string.Empty, (int)sdk.StatusCode);
            case TimeoutException or HttpRequestException or IOException or OperationCanceledException:
                // An attempt's own timeout (the caller's token is not cancelled) or a lost connection.
                return AwsFault.Transient;
            default:
                // The SDK wraps connection errors (AmazonClientException, AmazonServiceException without a code).
                return error.InnerException is { } inner ? Classify(inner, callerToken) : AwsFault.None;
        }
    }

    /// <summary>A short reason for logs: the error code, "timeout" or "network error: ...".</summary>
    public static string Reason(Exception error) => error switch
    {
        AwsServiceException own => own.ErrorCode,
        AmazonServiceException { ErrorCode.Length: > 0 } sdk => sdk.ErrorCode,
        TimeoutException or OperationCanceledException => "timeout",
        HttpRequestException or IOException => "network error: " + error.Message,
        _ when error.InnerException is { } inner => Reason(inner),
        _ => error.GetType().Name,
    };

    private static AwsFault OfCode(string code, int status) =>
        AwsErrorCodes.IsThrottling(code, status) ? AwsFault.Throttling
        : AwsErrorCodes.IsRetryable(code, status) ? AwsFault.Transient
        : AwsFault.None;
}
