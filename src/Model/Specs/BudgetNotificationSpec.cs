using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// One alert of a budget: when actual or forecast spend passes a percentage of the limit, the
/// email addresses and the topic it goes to.
/// </summary>
public sealed record BudgetNotificationSpec
{
    /// <summary>ACTUAL (spend so far this month) or FORECASTED (AWS's forecast for the month's end).</summary>
    [AllowedValues("ACTUAL", "FORECASTED")]
    public required string Spend { get; init; }

    /// <summary>The percentage of limitUsd that triggers the alert (spend greater than it).</summary>
    [Range(1, 1000)]
    public required int ThresholdPercent { get; init; }

    /// <summary>Email addresses told. Compared as a set.</summary>
    /// <remarks>Null only in live state, when the endpoint could not list the subscribers.</remarks>
    public IReadOnlyList<string>? SubscriberEmails { get; init; } = [];

    /// <summary>The Topic document told (its access policy must let budgets.amazonaws.com publish).</summary>
    [Reference("Topic")]
    public string? SubscriberTopic { get; init; }
}
