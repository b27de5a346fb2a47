using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Drift;

/// <summary>
/// POSTs each notification to every configured webhook. Each POST is bounded by
/// <see cref="WebhookDeliveryOptions.AttemptTimeout"/>; 5xx, 429, timeouts and network errors
/// are retried with doubling waits; all of a cycle's deliveries share one time budget
/// (<see cref="WebhookDeliveryOptions.TotalTimeout"/>), so the reconcile loop waits a bounded
/// time whatever the receivers do. Failures are logged, never thrown. Logs name the
/// webhook's host only: the rest of the URL may be a token.
/// </summary>
internal sealed class WebhookAlertSink(HttpClient http, DriftOptions options, TimeProvider time, ILogger logger) : IAlertSink
{
    private readonly WebhookDeliveryOptions _delivery = options.Delivery;

    public Task SendAsync(DriftReport report, CancellationToken cancellationToken) =>
        DeliverAllAsync(
            options.Webhooks.SelectMany(webhook => report.Notifications.Select(notification => (webhook, Body(webhook.Format, notification)))),
            cancellationToken);

    /// <summary>
    /// Tells every webhook that a revision of the documents was refused and what stays in force,
    /// with the same delivery rules as drift notices.
    /// </summary>
    public Task SendRevisionRejectedAsync(RevisionRejection rejection, CancellationToken cancellationToken) =>
        DeliverAllAsync(
            options.Webhooks.Select(webhook => (webhook, webhook.Format == WebhookFormat.Slack ? rejection.ToSlackJson() : rejection.ToJson())),
            cancellationToken);

    /// <summary>
    /// Tells every webhook that a rollout aborted on its analysis, with the failing measurements,
    /// with the same delivery rules as drift notices.
    /// </summary>
    public Task SendRolloutAbortedAsync(Rollouts.RolloutAbortAlert alert, CancellationToken cancellationToken) =>
        DeliverAllAsync(
            options.Webhooks.Select(webhook => (webhook, webhook.Format == WebhookFormat.Slack ? alert.ToSlackJson() : alert.ToJson())),
            cancellationToken);

    private async Task DeliverAllAsync(IEnumerable<(WebhookOptions Webhook, string Body)> deliveries, CancellationToken cancellationToken)
    {
        var all = deliveries.ToList();
        if (all.Count == 0)
        {
            return;
        }

        using var budget = new CancellationTokenSource(_delivery.TotalTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        using var gate = new SemaphoreSlim(_delivery.MaxConcurrency);
        await Task.WhenAll(all.Select(d => DeliverGatedAsync(d.Webhook, d.Body, gate, linked.Token)));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task DeliverGatedAsync(WebhookOptions webhook, string body, SemaphoreSlim gate, CancellationToken budget)
    {
        var host = new Uri(webhook.Url).Host;
        try
        {
            await gate.WaitAsync(budget);
        }
        catch (OperationCanceledException)
        {
            DriftLog.WebhookOutOfTime(logger, host, _delivery.TotalTimeout, 0);
            return;
        }

        try
        {
            await DeliverAsync(webhook, host, body, budget);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task DeliverAsync(WebhookOptions webhook, string host, string body, CancellationToken budget)
    {
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            using (var attemptTimeout = new CancellationTokenSource(_delivery.AttemptTimeout, time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(budget, attemptTimeout.Token))
            {
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri(webhook.Url), content, linked.Token);
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        DriftLog.WebhookDelivered(logger, host, attempt);
                        return;
                    }

                    if (status < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        // A 4xx other than 429 (a wrong URL, a revoked token) will not get better by retrying.
                        DriftLog.WebhookRefused(logger, host, status);
                        return;
                    }

                    reason = $"HTTP {status}";
                }
                catch (OperationCanceledException) when (budget.IsCancellationRequested)
                {
                    DriftLog.WebhookOutOfTime(logger, host, _delivery.TotalTimeout, attempt);
                    return;
                }
                catch (OperationCanceledException)
                {
                    reason = $"no answer within {_delivery.AttemptTimeout}";
                }
                catch (HttpRequestException e)
                {
                    // The error kind only: exception messages can quote the request URL.
                    reason = $"network error ({e.HttpRequestError})";
                }
            }

            if (attempt >= _delivery.MaxAttempts)
            {
                DriftLog.WebhookGaveUp(logger, host, attempt, reason);
                return;
            }

            try
            {
                await Task.Delay(Backoff(attempt), time, budget);
            }
            catch (OperationCanceledException)
            {
                DriftLog.WebhookOutOfTime(logger, host, _delivery.TotalTimeout, attempt);
                return;
            }
        }
    }

    /// <summary>
    /// BaseDelay × 2^(attempt-1), capped at MaxDelay. No jitter: one controller sends to each
    /// receiver, so there is no crowd of clients to spread out.
    /// </summary>
    internal TimeSpan Backoff(int attempt) =>
        ExponentialBackoff.Ceiling(_delivery.BaseDelay, _delivery.MaxDelay, attempt);

    private static string Body(WebhookFormat format, DriftNotification notification) =>
        format == WebhookFormat.Slack ? SlackWebhookBody.Write(notification) : JsonWebhookBody.Write(notification);
}
