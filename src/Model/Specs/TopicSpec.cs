using Reconciler.Model.Iam;
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

    /// <summary>
    /// The topic's access policy: who else may act on it, e.g. AWS Budgets
    /// (<c>budgets.amazonaws.com</c>), which only the policy can let publish, and CloudWatch alarms.
    /// Statements name principals, SNS actions and the topic's own ARN. Compared by meaning, not
    /// text. Unmanaged when absent: the topic keeps the policy it has (SNS's default one at create).
    /// </summary>
    public PolicyDocumentSpec? Policy { get; init; }

    /// <summary>Email subscriptions must look like addresses; the policy's statements are resource policy statements on this topic with SNS actions.</summary>
    public void Validate(SpecRules rules)
    {
        PolicyRules.CheckResource(rules, "Topic", "policy", Policy);
        CheckPolicyScope(rules);

        for (var i = 0; i < EmailSubscriptions.Count; i++)
        {
            if (EmailSubscriptions[i] is { } address && !EmailAddress.LooksValid(address))
            {
                rules.Error($"emailSubscriptions[{i}]", $"'{address}' in Topic spec.emailSubscriptions[{i}] is not an email address; write it as name@example.com");
            }
        }
    }

    // SNS takes only its own actions in a topic policy, and one resource: the topic's ARN.
    private void CheckPolicyScope(SpecRules rules)
    {
        var statements = Policy?.Statements ?? [];
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not { } statement)
            {
                continue;
            }

            var actions = statement.Actions ?? [];
            for (var a = 0; a < actions.Count; a++)
            {
                if (actions[a] is { } action && action != "*" && !action.StartsWith("sns:", StringComparison.OrdinalIgnoreCase))
                {
                    rules.Error($"policy.statements[{i}].actions[{a}]", $"action '{action}' in Topic spec.policy.statements[{i}] is not an SNS action; a topic policy grants SNS actions only, e.g. SNS:Publish");
                }
            }

            var resources = statement.Resources ?? [];
            for (var r = 0; r < resources.Count; r++)
            {
                if (resources[r] is { } resource && !IsThisTopic(resource, rules.AccountId))
                {
                    rules.Error($"policy.statements[{i}].resources[{r}]", $"resource '{resource}' in Topic spec.policy.statements[{i}] is not this topic's ARN; a topic policy covers its own topic only: arn:aws:sns:<region>:{rules.AccountId ?? "<account>"}:{TopicName}");
                }
            }
        }
    }

    // arn:aws:sns:region:account:name, with this topic's name and, when the stack names it, its account.
    private bool IsThisTopic(string arn, string? accountId)
    {
        var parts = arn.Split(':');
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "sns" && parts[5] == TopicName && (accountId is null || parts[4] == accountId);
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
