using Microsoft.Extensions.Configuration;
using Reconciler.Controller.Drift;

namespace Reconciler.Controller.Tests.Drift;

public sealed class DriftOptionsBindingTests
{
    [Fact]
    public void Bind_DriftSection_ReadsWebhooksIntervalAndDelivery()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Drift:RepeatInterval"] = "00:30:00",
                ["Drift:Webhooks:0:Url"] = "https://hooks.slack.com/services/T0/B0/X",
                ["Drift:Webhooks:0:Format"] = "slack",
                ["Drift:Webhooks:1:Url"] = "https://alerts.example.com/drift",
                ["Drift:Delivery:MaxAttempts"] = "5",
            })
            .Build();

        var options = configuration.GetSection(DriftOptions.Section).Get<DriftOptions>()!;

        Assert.Equal(TimeSpan.FromMinutes(30), options.RepeatInterval);
        Assert.Equal(
            [new WebhookOptions { Url = "https://hooks.slack.com/services/T0/B0/X", Format = WebhookFormat.Slack }, new WebhookOptions { Url = "https://alerts.example.com/drift" }],
            options.Webhooks);
        Assert.Equal(5, options.Delivery.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Delivery.AttemptTimeout);
        Assert.Empty(options.Validate());
    }
}
