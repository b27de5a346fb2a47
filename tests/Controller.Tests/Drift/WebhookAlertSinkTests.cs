using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Tests.Aws;

namespace Reconciler.Controller.Tests.Drift;

public sealed class WebhookAlertSinkTests
{
    // The path stands for a Slack token: it must never reach the log.
    private const string SecretPath = "services/T000/B000/XOXSECRET";

    [Fact]
    public async Task SendAsync_JsonFormat_PostsTheDocumentedBody()
    {
        await using var receiver = new FakeAwsServer(_ => new FakeAnswer(200, "ok", "text/plain"));
        using var http = new HttpClient();
        var sink = Sink(http, receiver, WebhookFormat.Json, TimeProvider.System, new CapturingLogger());

        await sink.SendAsync(DriftNotifications.Report(DriftNotifications.New()), CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/" + SecretPath), (request.Method, request.Path));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(
            WebhookBodyTests.Compact("""
            {
              "type": "drift",
              "notification": "new",
              "stack": "dev",
              "resource": "Vpc/main",
              "kind": "Vpc",
              "name": "main",
              "fields": [
                { "path": "cidrBlock", "desired": "10.0.0.0/16", "live": "10.1.0.0/16" },
                { "path": "tags", "desired": { "team": "ml" }, "live": { "team": "x" } }
              ],
              "revision": "3f2c1e0",
              "policy": "alert",
              "healed": false,
              "firstSeen": "2026-11-26T12:00:00Z",
              "sentAt": "2026-11-26T12:00:00Z"
            }
            """),
            request.Body);
    }

    [Fact]
    public async Task SendAsync_SlackFormat_PostsTextAndBlocks()
    {
        await using var receiver = new FakeAwsServer(_ => new FakeAnswer(200, "ok", "text/plain"));
        using var http = new HttpClient();
        var sink = Sink(http, receiver, WebhookFormat.Slack, TimeProvider.System, new CapturingLogger());

        await sink.SendAsync(DriftNotifications.Report(DriftNotifications.New()), CancellationToken.None);

        Assert.Equal(
            WebhookBodyTests.Compact("""
            {
              "text": "Drift detected: Vpc/main in stack dev differs from revision 3f2c1e0 (policy alert)",
              "blocks": [
                {
                  "type": "section",
                  "text": { "type": "mrkdwn", "text": ":warning: Drift detected: Vpc/main in stack dev differs from revision 3f2c1e0 (policy alert)" }
                },
                {
                  "type": "section",
                  "text": {
                    "type": "mrkdwn",
                    "text": "• `cidrBlock`: desired `\"10.0.0.0/16\"`, live `\"10.1.0.0/16\"`\n• `tags`: desired `{\"team\":\"ml\"}`, live `{\"team\":\"x\"}`"
                  }
                },
                {
                  "type": "context",
                  "elements": [{ "type": "mrkdwn", "text": "policy alert · revision 3f2c1e0 · first seen 2026-11-26T12:00:00Z" }]
                }
              ]
            }
            """),
            Assert.Single(receiver.Requests).Body);
    }

    [Fact]
    public async Task SendAsync_ReceiverFailsTwice_DeliversOnceAfterBackoffOnTheInjectedClock()
    {
        var calls = 0;
        await using var receiver = new FakeAwsServer(_ => Interlocked.Increment(ref calls) <= 2
            ? new FakeAnswer(503, "busy", "text/plain")
            : new FakeAnswer(200, "ok", "text/plain"));
        using var http = new HttpClient();
        var time = new SignallingTimeProvider();
        var log = new CapturingLogger();
        var sink = Sink(http, receiver, WebhookFormat.Json, time, log);

        var sending = sink.SendAsync(DriftNotifications.Report(DriftNotifications.New()), CancellationToken.None);
        // Waits of 1 s then 2 s (BaseDelay doubling); the 5 s attempt and 20 s budget timers are skipped.
        time.Advance(await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1)));
        time.Advance(await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(2)));
        await sending;

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());
        var entry = Assert.Single(log.Entries);
        Assert.Equal((LogLevel.Debug, "Drift webhook to 127.0.0.1 delivered on attempt 3"), (entry.Level, entry.Message));
    }

    [Fact]
    public async Task SendAsync_ReceiverAlwaysFails_GivesUpAfterMaxAttemptsAndLogsHostOnly()
    {
        await using var receiver = new FakeAwsServer(_ => new FakeAnswer(500, "boom", "text/plain"));
        using var http = new HttpClient();
        var log = new CapturingLogger();
        var options = Options(receiver, WebhookFormat.Json) with
        {
            Delivery = new WebhookDeliveryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) },
        };
        var sink = new WebhookAlertSink(http, options, TimeProvider.System, log);

        await sink.SendAsync(DriftNotifications.Report(DriftNotifications.New()), CancellationToken.None);

        Assert.Equal(3, receiver.Requests.Count);
        var entry = Assert.Single(log.Entries);
        Assert.Equal((LogLevel.Warning, 4110), (entry.Level, entry.EventId));
        Assert.Equal("Drift webhook to 127.0.0.1 gave up after 3 attempt(s): HTTP 500", entry.Message);
        Assert.DoesNotContain("XOXSECRET", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Receiver404_IsNotRetried()
    {
        await using var receiver = new FakeAwsServer(_ => new FakeAnswer(404, "no_service", "text/plain"));
        using var http = new HttpClient();
        var log = new CapturingLogger();
        var sink = Sink(http, receiver, WebhookFormat.Slack, TimeProvider.System, log);

        await sink.SendAsync(DriftNotifications.Report(DriftNotifications.New()), CancellationToken.None);

        Assert.Single(receiver.Requests);
        Assert.Equal("Drift webhook to 127.0.0.1 refused a notification with HTTP 404; not retried", Assert.Single(log.Messages));
    }

    [Fact]
    public async Task SendAsync_ReceiverHangs_GivesUpWithinTheBudgetWithoutThrowing()
    {
        await using var receiver = new FakeAwsServer(_ => null);
        using var http = new HttpClient();
        var log = new CapturingLogger();
        var options = Options(receiver, WebhookFormat.Json) with
        {
            Delivery = new WebhookDeliveryOptions
            {
                AttemptTimeout = TimeSpan.FromMilliseconds(300),
                MaxAttempts = 10,
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(10),
                TotalTimeout = TimeSpan.FromMilliseconds(800),
            },
        };
        var sink = new WebhookAlertSink(http, options, TimeProvider.System, log);
        var clock = Stopwatch.StartNew();

        await sink.SendAsync(DriftNotifications.Report(DriftNotifications.New(), DriftNotifications.New()), CancellationToken.None);

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
        Assert.Equal(2, log.Entries.Count);
        Assert.All(log.Messages, m => Assert.StartsWith("Drift webhook to 127.0.0.1 gave up: the cycle's delivery time of 00:00:00.8000000 ran out after ", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_NoNotifications_PostsNothing()
    {
        await using var receiver = new FakeAwsServer(_ => new FakeAnswer(200, "ok", "text/plain"));
        using var http = new HttpClient();
        var sink = Sink(http, receiver, WebhookFormat.Json, TimeProvider.System, new CapturingLogger());

        await sink.SendAsync(DriftNotifications.Report(), CancellationToken.None);

        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task SendAsync_TwoWebhooks_EachReceivesEveryNotificationInItsFormat()
    {
        await using var json = new FakeAwsServer(_ => new FakeAnswer(200, "ok", "text/plain"));
        await using var slack = new FakeAwsServer(_ => new FakeAnswer(200, "ok", "text/plain"));
        using var http = new HttpClient();
        var options = new DriftOptions
        {
            Webhooks = [new WebhookOptions { Url = json.Endpoint + "j" }, new WebhookOptions { Url = slack.Endpoint + "s", Format = WebhookFormat.Slack }],
        };
        var sink = new WebhookAlertSink(http, options, TimeProvider.System, new CapturingLogger());
        var resolved = new DriftNotification(DriftNotificationKind.Resolved, DriftNotifications.Alert(), DriftNotifications.FirstSeen);

        await sink.SendAsync(DriftNotifications.Report(DriftNotifications.New(), resolved), CancellationToken.None);

        Assert.Equal(2, json.Requests.Count);
        Assert.Equal(2, slack.Requests.Count);
        Assert.All(json.Requests, r => Assert.StartsWith("{\"type\":", r.Body, StringComparison.Ordinal));
        Assert.All(slack.Requests, r => Assert.StartsWith("{\"text\":", r.Body, StringComparison.Ordinal));
    }

    private static DriftOptions Options(FakeAwsServer receiver, WebhookFormat format) =>
        new() { Webhooks = [new WebhookOptions { Url = receiver.Endpoint + SecretPath, Format = format }] };

    private static WebhookAlertSink Sink(HttpClient http, FakeAwsServer receiver, WebhookFormat format, TimeProvider time, CapturingLogger log) =>
        new(http, Options(receiver, format), time, log);
}
