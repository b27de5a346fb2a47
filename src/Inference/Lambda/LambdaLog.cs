using Microsoft.Extensions.Logging;

namespace Reconciler.Inference.Lambda;

/// <summary>Log events of the Lambda runtime loop (3xxx).</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(3001, LogLevel.Information, "Lambda runtime loop polling {RuntimeApi}")]
    public static partial void Polling(ILogger logger, string runtimeApi);

    [LoggerMessage(3002, LogLevel.Warning, "Invocation {RequestId} is not an API Gateway proxy event: {Reason}")]
    public static partial void NotAnHttpEvent(ILogger logger, string requestId, string reason);

    [LoggerMessage(3003, LogLevel.Error, "Invocation {RequestId} failed")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(3004, LogLevel.Error, "Lambda runtime API call failed; retrying")]
    public static partial void RuntimeApiFailed(ILogger logger, Exception exception);

    [LoggerMessage(3005, LogLevel.Error, "Models or API keys failed to load; reported as an init error: {Reason}")]
    public static partial void InitFailed(ILogger logger, string reason);
}
