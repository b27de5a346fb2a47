namespace Reconciler.Controller.Drift;

/// <summary>The body a drift webhook receives.</summary>
public enum WebhookFormat
{
    /// <summary>The generic JSON body: see <see cref="JsonWebhookBody"/>.</summary>
    Json,

    /// <summary>A Slack incoming-webhook body (<c>text</c> and <c>blocks</c>): see <see cref="SlackWebhookBody"/>.</summary>
    Slack,
}
