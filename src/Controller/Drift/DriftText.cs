using System.Globalization;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drift;

/// <summary>The human-readable pieces of drift notifications, shared by the log and the Slack body.</summary>
internal static class DriftText
{
    /// <summary>Longest value shown in readable text; longer ones are cut (webhook JSON carries them whole).</summary>
    public const int MaxValueLength = 200;

    /// <summary>UTC, to the second: <c>2026-11-26T12:00:00Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The policy as documents spell it: <c>alert</c> or <c>heal</c>.</summary>
    public static string Policy(DriftPolicy policy) => policy == DriftPolicy.Heal ? "heal" : "alert";

    /// <summary>The kind as metrics and webhooks spell it: <c>new</c>, <c>repeat</c>, <c>resolved</c>, <c>healed</c>.</summary>
    public static string Kind(DriftNotificationKind kind) => kind switch
    {
        DriftNotificationKind.New => "new",
        DriftNotificationKind.Repeat => "repeat",
        DriftNotificationKind.Resolved => "resolved",
        DriftNotificationKind.Healed => "healed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown drift notification kind."),
    };

    /// <summary>A value for reading: its JSON text, <c>(absent)</c> when absent, cut after <see cref="MaxValueLength"/> characters.</summary>
    public static string Value(string json) =>
        json == DriftField.Absent ? "(absent)"
        : json.Length <= MaxValueLength ? json
        : string.Concat(json.AsSpan(0, MaxValueLength), "…");

    /// <summary><c>path: desired X, live Y</c> for one field.</summary>
    public static string Field(DriftField field) => $"{field.Path}: desired {Value(field.Desired)}, live {Value(field.Live)}";

    /// <summary>Every field, <c>; </c>-separated.</summary>
    public static string Fields(IReadOnlyList<DriftField> fields) => string.Join("; ", fields.Select(Field));

    /// <summary>One line saying what happened, without the fields: the Slack <c>text</c> and the start of each log message.</summary>
    public static string Summary(DriftNotification notification)
    {
        var alert = notification.Alert;
        return notification.Kind switch
        {
            DriftNotificationKind.New =>
                $"Drift detected: {alert.Key} in stack {alert.Stack} differs from revision {alert.Revision} (policy {Policy(alert.Policy)})",
            DriftNotificationKind.Repeat =>
                $"Drift unresolved since {Timestamp(alert.FirstSeen)}: {alert.Key} in stack {alert.Stack} differs from revision {alert.Revision} (policy {Policy(alert.Policy)})",
            DriftNotificationKind.Healed =>
                $"Drift healed: {alert.Key} in stack {alert.Stack} was changed outside the controller and set back to revision {alert.Revision}",
            DriftNotificationKind.Resolved =>
                $"Drift resolved: {alert.Key} in stack {alert.Stack} is in sync again",
            _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.Kind, "Unknown drift notification kind."),
        };
    }
}
