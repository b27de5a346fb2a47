using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An SNS topic that alarms and budgets notify, and the email addresses subscribed to it.
/// An email subscription stays "pending confirmation" until its owner clicks the link AWS mails:
/// that is normal, and the address is reported as subscribed meanwhile.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed (<c>{stack}-{name}</c> by default) and a topic
/// name is unique per account and region, so the new topic cannot exist beside the old one.
/// </remarks>
[Kind("Topic")]
public sealed record TopicSpec : IResourceSpec
{
    /// <summary>The topic's name. Defaults to <c>{stack}-{document name}</c>; changing it replaces the topic.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? TopicName { get; init; }

    /// <summary>
    /// Email addresses subscribed to the topic. Compared as a set. A removed address that never
    /// confirmed cannot be unsubscribed (SNS gives pending subscriptions no ARN); AWS drops it after three days.
    /// </summary>
    public IReadOnlyList<string> EmailSubscriptions { get; init; } = [];

    /// <summary>The KMS key that encrypts messages at rest, as an alias (<c>alias/aws/sns</c>) or key id; unmanaged when absent.</summary>
    public string? KmsMasterKeyId { get; init; }

    /// <summary>Email subscriptions must look like addresses.</summary>
    public void Validate(SpecRules rules)
    {
        for (var i = 0; i < EmailSubscriptions.Count; i++)
        {
            if (EmailSubscriptions[i] is { } address && !EmailAddress.LooksValid(address))
            {
                rules.Error($"emailSubscriptions[{i}]", $"'{address}' in Topic spec.emailSubscriptions[{i}] is not an email address; write it as name@example.com");
            }
        }
    }

    /// <summary>Publishes and email deliveries a month, past SNS's free tier (assumed to be this topic's alone).</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var publishes = prices.Assumption("Topic", "publishesPerMonth");
        var deliveries = publishes * EmailSubscriptions.Count;
        var usd = (Math.Max(0, publishes - prices.Assumption("Topic", "freePublishesPerMonth")) / 1_000_000m * prices.Price("sns.requests"))
            + (Math.Max(0, deliveries - prices.Assumption("Topic", "freeEmailsPerMonth")) / 100_000m * prices.Price("sns.emailNotifications"));
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(publishes)} publishes a month to {EmailSubscriptions.Count} email subscriptions");
    }
}
