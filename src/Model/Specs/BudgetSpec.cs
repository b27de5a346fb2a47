using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An AWS Budgets monthly cost budget: a limit in USD, optionally only for costs carrying some
/// cost-allocation tags, and alerts on actual and forecast spend to email addresses and/or a topic.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed (<c>{stack}-{name}</c> by default) and unique
/// per account. Budgets are addressed by that name; their tags are given at create only and not
/// read back (the Budgets tagging API is newer than many accounts' tooling and moto lacks it), so
/// tags are left unmanaged afterwards.
/// </remarks>
[Kind("Budget")]
public sealed record BudgetSpec : IResourceSpec
{
    /// <summary>The budget's name, unique in the account. Defaults to <c>{stack}-{document name}</c>; changing it replaces the budget.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? BudgetName { get; init; }

    /// <summary>The monthly limit in US dollars.</summary>
    [Range(1, 10_000_000)]
    public required int LimitUsd { get; init; }

    /// <summary>
    /// Count only costs carrying these cost-allocation tags (key to value, e.g. project: ml-platform);
    /// every cost of the account when empty. The tags must be activated for cost allocation in Billing.
    /// </summary>
    public IReadOnlyDictionary<string, string> CostFilterTags { get; init; } = new Dictionary<string, string>();

    /// <summary>The alerts, each with its subscribers. Compared as a set.</summary>
    public required IReadOnlyList<BudgetNotificationSpec> Notifications { get; init; }

    /// <summary>Budget tags are not read back (see the remarks): they are AWS's to keep after create.</summary>
    public IEnumerable<string> FieldsOwnedElsewhere() => ["tags"];

    /// <summary>A budget that tells nobody is no alert: at least one notification, each with a subscriber; one alert per spend and threshold.</summary>
    public void Validate(SpecRules rules)
    {
        if (rules.HasValue("notifications") && Notifications.Count == 0)
        {
            rules.Error("notifications", "Budget spec has no notifications, so nobody is alerted; add e.g. { spend: ACTUAL, thresholdPercent: 80, subscriberEmails: [you@example.com] }");
        }

        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < Notifications.Count; i++)
        {
            if (Notifications[i] is not { } notification)
            {
                continue;
            }

            var path = $"notifications[{i}]";
            var emails = notification.SubscriberEmails ?? [];
            if (emails.Count == 0 && !rules.IsSet($"{path}.subscriberTopic"))
            {
                rules.Error(path, $"Budget spec.{path} has no subscriber, so the alert reaches nobody; set subscriberEmails, subscriberTopic or both");
            }

            for (var j = 0; j < emails.Count; j++)
            {
                if (emails[j] is { } address && !EmailAddress.LooksValid(address))
                {
                    rules.Error($"{path}.subscriberEmails[{j}]", $"'{address}' in Budget spec.{path}.subscriberEmails[{j}] is not an email address; write it as name@example.com");
                }
            }

            if (rules.HasValue($"{path}.spend") && rules.HasValue($"{path}.thresholdPercent") && !seen.Add((notification.Spend, notification.ThresholdPercent)))
            {
                rules.Error(path, $"Budget spec.{path} repeats {notification.Spend} at {notification.ThresholdPercent}%; AWS keeps one notification per spend and threshold, so merge their subscribers into one");
            }
        }
    }

    /// <summary>AWS Budgets charges nothing for an account's first budgets; the basis names the price past them.</summary>
    public MonthlyCost Price(PriceTable prices) =>
        new(prices.Price("budgets.budget"), $"within the account's free budgets; each budget past them costs {MonthlyCost.Figure(prices.Price("budgets.additionalBudgetDay"))} USD a day");
}
