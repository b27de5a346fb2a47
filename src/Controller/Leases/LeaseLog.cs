using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Leases;

/// <summary>Log events of leader election (51xx).</summary>
internal static partial class LeaseLog
{
    [LoggerMessage(5101, LogLevel.Information, "Replica {Holder} acquired the lease of stack {Stack} with fencing token {Token}")]
    public static partial void Acquired(ILogger logger, string holder, string stack, long token);

    [LoggerMessage(5102, LogLevel.Warning, "Replica {Holder} lost the lease of stack {Stack} (fencing token {Token}): {Reason}")]
    public static partial void Lost(ILogger logger, string holder, string stack, long token, string reason);

    [LoggerMessage(5103, LogLevel.Information, "Replica {Holder} released the lease of stack {Stack} (fencing token {Token})")]
    public static partial void Released(ILogger logger, string holder, string stack, long token);

    [LoggerMessage(5104, LogLevel.Information, "Stack {Stack} is led by {Leader} (fencing token {Token})")]
    public static partial void NewLeader(ILogger logger, string stack, string leader, long token);

    [LoggerMessage(5105, LogLevel.Warning, "Replica {Holder} could not renew the lease of stack {Stack}; it stops leading {Remaining} ms from now unless a renew succeeds")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string holder, string stack, long remaining);

    [LoggerMessage(5106, LogLevel.Warning, "Replica {Holder} could not read or take the lease of stack {Stack}; it tries again")]
    public static partial void AcquireFailed(ILogger logger, Exception exception, string holder, string stack);

    [LoggerMessage(5107, LogLevel.Warning, "Replica {Holder} could not release the lease of stack {Stack}; standbys take over once it expires")]
    public static partial void ReleaseFailed(ILogger logger, Exception? exception, string holder, string stack);

    [LoggerMessage(5108, LogLevel.Error, "A leader election callback of stack {Stack} failed; the elector goes on")]
    public static partial void CallbackFailed(ILogger logger, Exception exception, string stack);
}
