using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Controller.Drift;

/// <summary>
/// The generic JSON webhook body, one notification per POST (members in this order):
/// <code>
/// {
///   "type": "drift" | "drift-resolved",
///   "notification": "new" | "repeat" | "healed" | "resolved",
///   "stack": "dev",
///   "resource": "Vpc/main", "kind": "Vpc", "name": "main",
///   "fields": [{ "path": "cidrBlock", "desired": "10.0.0.0/16", "live": "10.1.0.0/16" }],
///   "revision": "3f2c1e0",
///   "policy": "alert" | "heal",
///   "healed": false,
///   "firstSeen": "2026-11-26T12:00:00Z",
///   "sentAt": "2026-11-26T13:00:00Z"
/// }
/// </code>
/// <c>desired</c> and <c>live</c> are the JSON values themselves (any JSON type), null when
/// absent. A resolved notice carries the fields as they last drifted. <c>sentAt</c> is when the
/// controller decided to notify, the same on every retry, so receivers can deduplicate on
/// (<c>stack</c>, <c>resource</c>, <c>notification</c>, <c>sentAt</c>).
/// </summary>
public static class JsonWebhookBody
{
    // Relaxed escaping keeps values readable (no \u0022 for quotes inside values); the body is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body for one notification, compact UTF-8 JSON text.</summary>
    public static string Write(DriftNotification notification)
    {
        var alert = notification.Alert;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("type", notification.Kind == DriftNotificationKind.Resolved ? "drift-resolved" : "drift");
            json.WriteString("notification", DriftText.Kind(notification.Kind));
            json.WriteString("stack", alert.Stack);
            json.WriteString("resource", alert.Key.ToString());
            json.WriteString("kind", alert.Key.Kind);
            json.WriteString("name", alert.Key.Name);
            json.WriteStartArray("fields");
            foreach (var field in alert.Fields)
            {
                json.WriteStartObject();
                json.WriteString("path", field.Path);
                json.WritePropertyName("desired");
                json.WriteRawValue(field.Desired);
                json.WritePropertyName("live");
                json.WriteRawValue(field.Live);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("revision", alert.Revision);
            json.WriteString("policy", DriftText.Policy(alert.Policy));
            json.WriteBoolean("healed", alert.Healed);
            json.WriteString("firstSeen", DriftText.Timestamp(alert.FirstSeen));
            json.WriteString("sentAt", DriftText.Timestamp(notification.SentAt));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
