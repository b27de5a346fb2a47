using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Controller.Drift;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Drift;

public sealed class WebhookBodyTests
{
    [Fact]
    public void Json_Resolved_HasTypeDriftResolvedAndTheFieldsAsTheyLastDrifted()
    {
        var resolved = new DriftNotification(DriftNotificationKind.Resolved, DriftNotifications.Alert(), DriftNotifications.FirstSeen.AddHours(2));

        var body = JsonNode.Parse(JsonWebhookBody.Write(resolved))!;

        Assert.Equal("drift-resolved", (string?)body["type"]);
        Assert.Equal("resolved", (string?)body["notification"]);
        Assert.Equal("2026-11-26T14:00:00Z", (string?)body["sentAt"]);
        Assert.Equal(2, body["fields"]!.AsArray().Count);
    }

    [Fact]
    public void Json_AbsentLiveValue_IsNull()
    {
        var alert = DriftNotifications.Alert() with { Fields = [new DriftField("retentionInDays", "14", DriftField.Absent)] };

        var body = JsonWebhookBody.Write(new DriftNotification(DriftNotificationKind.New, alert, DriftNotifications.FirstSeen));

        Assert.Contains("""{"path":"retentionInDays","desired":14,"live":null}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HealedUnderHealPolicy_SaysHealedAndHeal()
    {
        var healed = new DriftNotification(DriftNotificationKind.Healed, DriftNotifications.Alert(DriftPolicy.Heal, healed: true), DriftNotifications.FirstSeen);

        var body = JsonNode.Parse(JsonWebhookBody.Write(healed))!;

        Assert.Equal(("drift", "healed", "heal", true), ((string?)body["type"], (string?)body["notification"], (string?)body["policy"], (bool?)body["healed"]));
    }

    [Fact]
    public void Slack_ValuesWithMarkup_AreEscapedAndCannotEndTheCodeSpan()
    {
        var alert = DriftNotifications.Alert() with { Fields = [new DriftField("description", "\"a & b\"", "\"<!channel> `x`\"")] };

        var body = JsonNode.Parse(SlackWebhookBody.Write(new DriftNotification(DriftNotificationKind.New, alert, DriftNotifications.FirstSeen)))!;

        Assert.Equal(
            "• `description`: desired `\"a &amp; b\"`, live `\"&lt;!channel&gt; 'x'\"`",
            (string?)body["blocks"]![1]!["text"]!["text"]);
    }

    [Fact]
    public void Slack_ManyFields_ListsSixAndCountsTheRest()
    {
        var fields = Enumerable.Range(1, 8).Select(i => new DriftField($"f{i}", "1", "2")).ToList();
        var alert = DriftNotifications.Alert() with { Fields = fields };

        var body = JsonNode.Parse(SlackWebhookBody.Write(new DriftNotification(DriftNotificationKind.New, alert, DriftNotifications.FirstSeen)))!;

        var lines = ((string?)body["blocks"]![1]!["text"]!["text"])!.Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.Equal("… and 2 more", lines[^1]);
    }

    [Fact]
    public void Slack_Resolved_HasNoFieldSection()
    {
        var resolved = new DriftNotification(DriftNotificationKind.Resolved, DriftNotifications.Alert(), DriftNotifications.FirstSeen);

        var body = JsonNode.Parse(SlackWebhookBody.Write(resolved))!;

        Assert.Equal("Drift resolved: Vpc/main in stack dev is in sync again", (string?)body["text"]);
        Assert.Equal(["section", "context"], body["blocks"]!.AsArray().Select(b => (string?)b!["type"]));
        Assert.Equal(":white_check_mark: Drift resolved: Vpc/main in stack dev is in sync again", (string?)body["blocks"]![0]!["text"]!["text"]);
    }

    [Fact]
    public void ReadableValue_LongerThanTheLimit_IsCut()
    {
        var value = "\"" + new string('a', 300) + "\"";

        var shown = DriftText.Value(value);

        Assert.Equal(DriftText.MaxValueLength + 1, shown.Length);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
    }

    /// <summary>Expected bodies are written indented for reading; the wire form is the same JSON, compact.</summary>
    internal static string Compact(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
