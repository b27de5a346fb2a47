using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Controller.Drift;

/// <summary>
/// A Slack incoming-webhook body: <c>text</c> (the one-line summary, shown in notifications)
/// and <c>blocks</c>: a headline section, a section listing the drifted fields (not for
/// resolved notices) and a context line with the policy, the revision and when it was first seen.
/// <code>
/// {"text":"Drift detected: Vpc/main in stack dev differs from revision 3f2c1e0 (policy alert)",
///  "blocks":[
///   {"type":"section","text":{"type":"mrkdwn","text":":warning: Drift detected: ..."}},
///   {"type":"section","text":{"type":"mrkdwn","text":"• `cidrBlock`: desired `\"10.0.0.0/16\"`, live `\"10.1.0.0/16\"`"}},
///   {"type":"context","elements":[{"type":"mrkdwn","text":"policy alert · revision 3f2c1e0 · first seen 2026-11-26T12:00:00Z"}]}]}
/// </code>
/// </summary>
public static class SlackWebhookBody
{
    /// <summary>Fields listed at most; Slack caps a section's text at 3000 characters.</summary>
    public const int MaxFields = 6;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body for one notification, compact UTF-8 JSON text.</summary>
    public static string Write(DriftNotification notification)
    {
        var alert = notification.Alert;
        var summary = Escape(DriftText.Summary(notification));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("text", summary);
            json.WriteStartArray("blocks");
            Section(json, $"{Emoji(notification.Kind)} {summary}");
            if (notification.Kind != DriftNotificationKind.Resolved && alert.Fields.Count > 0)
            {
                Section(json, FieldLines(alert.Fields));
            }

            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            Mrkdwn(json, $"policy {DriftText.Policy(alert.Policy)} · revision {Escape(alert.Revision)} · first seen {DriftText.Timestamp(alert.FirstSeen)}");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Emoji(DriftNotificationKind kind) => kind switch
    {
        DriftNotificationKind.Resolved => ":white_check_mark:",
        DriftNotificationKind.Healed => ":wrench:",
        _ => ":warning:",
    };

    private static string FieldLines(IReadOnlyList<DriftField> fields)
    {
        var lines = fields.Take(MaxFields)
            .Select(f => $"• `{Code(f.Path)}`: desired `{Code(DriftText.Value(f.Desired))}`, live `{Code(DriftText.Value(f.Live))}`")
            .ToList();
        if (fields.Count > MaxFields)
        {
            lines.Add($"… and {fields.Count - MaxFields} more");
        }

        return string.Join('\n', lines);
    }

    private static void Section(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WritePropertyName("text");
        Mrkdwn(json, text);
        json.WriteEndObject();
    }

    private static void Mrkdwn(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    // Slack reads &, < and > as markup (links, mentions); a value must never become one.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // A backtick inside a code span would end it early.
    private static string Code(string text) => Escape(text).Replace('`', '\'');
}
