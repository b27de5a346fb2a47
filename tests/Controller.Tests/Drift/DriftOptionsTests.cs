using Reconciler.Controller.Drift;

namespace Reconciler.Controller.Tests.Drift;

public sealed class DriftOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        var options = new DriftOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromHours(1), options.RepeatInterval);
    }

    [Fact]
    public void Validate_ReportsEveryProblemWithTheSettingAndTheFix()
    {
        var options = new DriftOptions
        {
            RepeatInterval = TimeSpan.Zero,
            Webhooks =
            [
                new WebhookOptions { Url = "" },
                new WebhookOptions { Url = "hooks.slack.com/services/T0/B0/XOXSECRET" },
                new WebhookOptions { Url = "ftp://files.example.com/XOXSECRET", Format = (WebhookFormat)7 },
            ],
            Delivery = new WebhookDeliveryOptions { MaxAttempts = 0, TotalTimeout = TimeSpan.FromSeconds(1) },
        };

        var errors = options.Validate();

        Assert.Equal(
            [
                "Drift:RepeatInterval is 00:00:00; set it to a positive time such as 01:00:00.",
                "Drift:Webhooks[0].Url is empty; set it to the webhook's absolute https URL.",
                "Drift:Webhooks[1].Url is not an absolute URL; set it to the webhook's full https URL (the value is not shown: it may hold a token).",
                "Drift:Webhooks[2].Url uses scheme 'ftp'; use https (or http for a local receiver).",
                "Drift:Webhooks[2].Format is 7; set it to Json or Slack.",
                "Drift:Delivery.MaxAttempts is 0; set it between 1 and 10.",
                "Drift:Delivery.TotalTimeout (00:00:01) is below AttemptTimeout (00:00:05); set it to at least AttemptTimeout, e.g. 00:00:20.",
            ],
            errors);
        Assert.DoesNotContain(errors, e => e.Contains("XOXSECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void ThrowIfInvalid_ListsEveryProblem()
    {
        var options = new DriftOptions { RepeatInterval = TimeSpan.FromMinutes(-1), Webhooks = [new WebhookOptions()] };

        var error = Assert.Throws<InvalidOperationException>(options.ThrowIfInvalid);

        Assert.Equal(
            "Drift settings are invalid:" + Environment.NewLine
            + "- Drift:RepeatInterval is -00:01:00; set it to a positive time such as 01:00:00." + Environment.NewLine
            + "- Drift:Webhooks[0].Url is empty; set it to the webhook's absolute https URL.",
            error.Message);
    }
}
