namespace Reconciler.Controller.Drift;

/// <summary>One webhook that receives every drift notification.</summary>
public sealed record WebhookOptions
{
    /// <summary>
    /// The absolute http(s) URL to POST to. It may hold a secret (a Slack webhook's path is its
    /// token), so only its host is ever logged.
    /// </summary>
    public string Url { get; init; } = "";

    /// <summary>The body to send. Default <see cref="WebhookFormat.Json"/>.</summary>
    public WebhookFormat Format { get; init; } = WebhookFormat.Json;
}
