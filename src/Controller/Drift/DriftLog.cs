using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Drift;

/// <summary>
/// Every log message of drift alerts (event ids 4100-4199). The notification messages start with
/// the same words as <see cref="DriftText.Summary"/>, so the log and Slack read alike.
/// </summary>
internal static partial class DriftLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Drift detected: {Resource} in stack {Stack} differs from revision {Revision} (policy {Policy}): {Fields}")]
    public static partial void DriftDetected(ILogger logger, string resource, string stack, string revision, string policy, string fields);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Drift unresolved since {FirstSeen}: {Resource} in stack {Stack} differs from revision {Revision} (policy {Policy}): {Fields}")]
    public static partial void DriftUnresolved(ILogger logger, string firstSeen, string resource, string stack, string revision, string policy, string fields);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Drift healed: {Resource} in stack {Stack} was changed outside the controller and set back to revision {Revision}: {Fields}")]
    public static partial void DriftHealed(ILogger logger, string resource, string stack, string revision, string fields);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information,
        Message = "Drift resolved: {Resource} in stack {Stack} is in sync again")]
    public static partial void DriftResolved(ILogger logger, string resource, string stack);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning,
        Message = "Drift webhook to {Host} gave up after {Attempts} attempt(s): {Reason}")]
    public static partial void WebhookGaveUp(ILogger logger, string host, int attempts, string reason);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning,
        Message = "Drift webhook to {Host} refused a notification with HTTP {Status}; not retried")]
    public static partial void WebhookRefused(ILogger logger, string host, int status);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning,
        Message = "Drift webhook to {Host} gave up: the cycle's delivery time of {Budget} ran out after {Attempts} attempt(s)")]
    public static partial void WebhookOutOfTime(ILogger logger, string host, TimeSpan budget, int attempts);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Debug,
        Message = "Drift webhook to {Host} delivered on attempt {Attempts}")]
    public static partial void WebhookDelivered(ILogger logger, string host, int attempts);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Warning,
        Message = "Drift alert for {Resource} in stack {Stack} could not be saved ({Error}); its notification is held back and decided again next cycle")]
    public static partial void AlertNotSaved(ILogger logger, string resource, string stack, string error);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Warning,
        Message = "Drift sink {Sink} failed ({Error}); the other sinks are unaffected")]
    public static partial void SinkFailed(ILogger logger, string sink, string error);
}
