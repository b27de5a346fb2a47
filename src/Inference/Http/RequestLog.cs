using Microsoft.Extensions.Logging;

namespace Reconciler.Inference.Http;

/// <summary>Log events of request handling (2xxx). Client mistakes are Information at most, never errors.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(2001, LogLevel.Information, "Request to {Path} refused: missing or invalid API key")]
    public static partial void Unauthorized(ILogger logger, PathString path);

    [LoggerMessage(2002, LogLevel.Debug, "Inference request for {Model} version {Version} refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string model, string version, int status, string reason);

    [LoggerMessage(2003, LogLevel.Information, "Key {KeyName} over its item budget: {Items} items refused, retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string keyName, int items, int retryAfterSeconds);

    [LoggerMessage(2004, LogLevel.Error, "Unhandled error serving {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(2005, LogLevel.Debug, "Request to {Path} cancelled by the client")]
    public static partial void Cancelled(ILogger logger, PathString path);
}
