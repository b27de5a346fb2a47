namespace Reconciler.Controller.Drift;

/// <summary>
/// Settings of drift alerts (configuration section <c>Drift</c>). Validate at start-up: bad
/// settings stop the program with every problem listed.
/// </summary>
public sealed record DriftOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Drift";

    /// <summary>Webhooks that receive every notification; none by default (the log and the metric always do).</summary>
    public IReadOnlyList<WebhookOptions> Webhooks { get; init; } = [];

    /// <summary>How long an unresolved drift waits before it is notified again. Default 1 h.</summary>
    public TimeSpan RepeatInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Timeouts, retries and the time budget of webhook delivery.</summary>
    public WebhookDeliveryOptions Delivery { get; init; } = new();

    /// <summary>
    /// Every problem with these options, each naming the setting and the fix; empty when valid.
    /// Messages never quote a webhook URL: its path may be a secret.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RepeatInterval <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:RepeatInterval is {RepeatInterval}; set it to a positive time such as 01:00:00.");
        }

        for (var i = 0; i < Webhooks.Count; i++)
        {
            errors.AddRange(ValidateWebhook($"{Section}:Webhooks[{i}]", Webhooks[i]));
        }

        errors.AddRange(Delivery.Validate($"{Section}:Delivery"));
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems, listing all of them.</summary>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Drift settings are invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "- " + e)));
        }
    }

    private static IEnumerable<string> ValidateWebhook(string name, WebhookOptions? webhook)
    {
        if (webhook is null || string.IsNullOrWhiteSpace(webhook.Url))
        {
            yield return $"{name}.Url is empty; set it to the webhook's absolute https URL.";
            yield break;
        }

        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var uri))
        {
            yield return $"{name}.Url is not an absolute URL; set it to the webhook's full https URL (the value is not shown: it may hold a token).";
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            yield return $"{name}.Url uses scheme '{uri.Scheme}'; use https (or http for a local receiver).";
        }

        if (!Enum.IsDefined(webhook.Format))
        {
            yield return $"{name}.Format is {(int)webhook.Format}; set it to Json or Slack.";
        }
    }
}
