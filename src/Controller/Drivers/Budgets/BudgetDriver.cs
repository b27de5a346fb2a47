using System.Globalization;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Aws.Clients.Budgets;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using BudgetsOperations = Reconciler.Aws.Clients.Budgets.BudgetsOperations;

namespace Reconciler.Controller.Drivers.Budgets;

/// <summary>
/// Converges AWS Budgets monthly cost budgets, addressed by name in the stack's account. Reads:
/// one paginated DescribeBudgets, then per budget of the stack DescribeNotificationsForBudget and
/// one DescribeSubscribersForNotification per notification (Budgets has no batch read of them).
/// <para>
/// A notification's spend and threshold are its identity in AWS, so a changed notification is
/// deleted and created again with its subscribers; limit and tag filters change in place through
/// UpdateBudget. Notifications are written as "greater than a percentage of the limit"; one
/// someone else made with another operator or an absolute threshold shows by its type and number only.
/// </para>
/// <para>
/// Subscribers that cannot be read leave them unknown: the endpoint lacks the operation (moto
/// answers DescribeSubscribersForNotification with an internal error page), or AWS still answers
/// it with a server error after the retries. The live notification then reports the subscribers
/// the document gives it, so only its spend and threshold are compared: the rest of the budget
/// converges in this cycle, nothing is rewritten for what could not be seen, and subscriber drift
/// shows once they can be read. Tags: see <see cref="BudgetsTags"/>.
/// </para>
/// </summary>
internal sealed class BudgetDriver : NameAddressedDriver<BudgetSpec, Budget>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        BudgetsOperations.CreateBudget,
        BudgetsOperations.CreateNotification,
        BudgetsOperations.DeleteBudget,
        BudgetsOperations.DeleteNotification,
        BudgetsOperations.DescribeBudgets,
        BudgetsOperations.DescribeNotificationsForBudget,
        BudgetsOperations.DescribeSubscribersForNotification,
        BudgetsOperations.UpdateBudget,
    ];

    private const string Usd = "USD";
    private const string GreaterThan = "GREATER_THAN";
    private const string Percentage = "PERCENTAGE";
    private const string TagFilter = "TagKeyValue";

    // Cost-allocation tags defined by users carry this prefix in Budgets' filters.
    private const string UserTagPrefix = "user:";

    protected override AwsService Service => AwsService.Budgets;

    protected override ITagApi Tags => BudgetsTags.Instance;

    protected override string NameOf(BudgetSpec spec) => spec.BudgetName!;

    /// <summary>Fills subscribers the endpoint could not list from the document (see the class remarks).</summary>
    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var observed = await base.ObserveAsync(request, context, cancellationToken);
        return [.. observed.Select(o => request.DesiredOf(o.Key) is { } desired ? WithUnreadFieldsFrom(o, desired.SpecAs<BudgetSpec>()) : o)];
    }

    protected override async Task<IReadOnlyDictionary<string, Budget>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var budgets = await Pages.ReadAllAsync<Budget>(async token =>
        {
            var page = await context.Aws.Budgets.DescribeBudgetsAsync(new DescribeBudgetsRequest { AccountId = context.Stack.AccountId, NextToken = token }, cancellationToken);
            return (page.Budgets, page.NextToken);
        });
        return budgets
            .Where(b => b.BudgetName.StartsWith(namePrefix, StringComparison.Ordinal))
            .ToDictionary(b => b.BudgetName, b => b, StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, Budget listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.BudgetName;
        var live = new BudgetSpec
        {
            BudgetName = name,
            LimitUsd = listed.BudgetLimit is { } limit ? (int)Math.Round(decimal.Parse(limit.Amount, NumberStyles.Float, CultureInfo.InvariantCulture)) : 0,
            CostFilterTags = CostFilterTagsOf(listed.CostFilters),
            Notifications = await NotificationsAsync(name, context, cancellationToken),
        };
        var arn = $"arn:{Arns.Partition(context.Stack.Region)}:budgets::{context.Stack.AccountId}:budget/{name}";
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, new Dictionary<string, string> { ["budgetName"] = name });
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, BudgetSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        await context.Aws.Budgets.CreateBudgetAsync(
            new CreateBudgetRequest
            {
                AccountId = context.Stack.AccountId,
                Budget = BudgetOf(spec),
                NotificationsWithSubscribers = [.. spec.Notifications.Select(n => new NotificationWithSubscribers { Notification = NotificationOf(n), Subscribers = SubscribersOf(n, context) })],
                ResourceTags = [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new ResourceTag { Key = t.Key, Value = t.Value })],
            },
            cancellationToken);
        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<BudgetSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var accountId = context.Stack.AccountId;
        if (change.Changed("limitUsd") || change.Changed("costFilterTags"))
        {
            await context.Aws.Budgets.UpdateBudgetAsync(new UpdateBudgetRequest { AccountId = accountId, NewBudget = BudgetOf(change.Desired) }, cancellationToken);
        }

        if (!change.Changed("notifications"))
        {
            return;
        }

        // Those that differ in anything go (a notification's subscribers are replaced with it), then the document's missing ones come.
        var desired = change.Desired.Notifications;
        var live = change.Live.Notifications;
        foreach (var gone in live.Where(l => !desired.Any(d => SameNotification(d, l))))
        {
            await IgnoringNotFoundAsync(() => context.Aws.Budgets.DeleteNotificationAsync(
                new DeleteNotificationRequest { AccountId = accountId, BudgetName = change.Id, Notification = NotificationOf(gone) }, cancellationToken));
        }

        foreach (var added in desired.Where(d => !live.Any(l => SameNotification(d, l))))
        {
            await context.Aws.Budgets.CreateNotificationAsync(
                new CreateNotificationRequest { AccountId = accountId, BudgetName = change.Id, Notification = NotificationOf(added), Subscribers = SubscribersOf(added, context) },
                cancellationToken);
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Budgets.DeleteBudgetAsync(new DeleteBudgetRequest { AccountId = context.Stack.AccountId, BudgetName = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private async Task<IReadOnlyList<BudgetNotificationSpec>> NotificationsAsync(string budgetName, DriverContext context, CancellationToken cancellationToken)
    {
        var accountId = context.Stack.AccountId;
        var notifications = await Pages.ReadAllAsync<Notification>(async token =>
        {
            var page = await context.Aws.Budgets.DescribeNotificationsForBudgetAsync(new DescribeNotificationsForBudgetRequest { AccountId = accountId, BudgetName = budgetName, NextToken = token }, cancellationToken);
            return (page.Notifications, page.NextToken);
        });
        var result = new List<BudgetNotificationSpec>();
        var listable = true;
        foreach (var notification in notifications)
        {
            var subscribers = listable ? await SubscribersAsync(budgetName, notification, context, cancellationToken) : null;
            listable = subscribers is not null;
            result.Add(new BudgetNotificationSpec
            {
                Spend = notification.NotificationType,
                ThresholdPercent = (int)Math.Round(notification.Threshold),
                SubscriberEmails = subscribers?.Where(s => s.SubscriptionType == "EMAIL").Select(s => s.Address).Order(StringComparer.Ordinal).ToList(),
                SubscriberTopic = subscribers?.FirstOrDefault(s => s.SubscriptionType == "SNS") is { } topic ? TopicArns.DocumentOf(topic.Address, context) : null,
            });
        }

        return result;
    }

    /// <summary>The notification's subscribers, or null when they cannot be read (a server error after the retries; see the class remarks).</summary>
    private static async Task<IReadOnlyList<Subscriber>?> SubscribersAsync(string budgetName, Notification notification, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await Pages.ReadAllAsync<Subscriber>(async token =>
            {
                var page = await context.Aws.Budgets.DescribeSubscribersForNotificationAsync(
                    new DescribeSubscribersForNotificationRequest { AccountId = context.Stack.AccountId, BudgetName = budgetName, Notification = notification with { NotificationState = null }, NextToken = token },
                    cancellationToken);
                return (page.Subscribers, page.NextToken);
            });
        }
        catch (AwsServiceException e) when ((int)e.StatusCode >= 500 && e.Kind is AwsErrorKind.Other)
        {
            // An endpoint without the operation answers with a bare error page, every time: not worth a warning each cycle.
            var level = e.ErrorMessage is null ? LogLevel.Debug : LogLevel.Warning;
            context.Logger.Log(
                level,
                "Budget {Budget}: the subscribers of its {Spend} notification at {Threshold} % could not be read ({Code}, HTTP {Status}); they are compared by spend and threshold only until they can be.",
                budgetName, notification.NotificationType, notification.Threshold, e.ErrorCode, (int)e.StatusCode);
            return null;
        }
    }

    protected override BudgetSpec WithUnreadFieldsFrom(BudgetSpec live, BudgetSpec desired) =>
        live.Notifications.All(n => n.SubscriberEmails is not null)
            ? live
            : live with
            {
                Notifications = [.. live.Notifications.Select(n => n.SubscriberEmails is not null ? n
                    : desired.Notifications.FirstOrDefault(d => d.Spend == n.Spend && d.ThresholdPercent == n.ThresholdPercent) ?? n with { SubscriberEmails = [] })],
            };

    private static bool SameNotification(BudgetNotificationSpec desired, BudgetNotificationSpec live) =>
        desired.Spend == live.Spend
        && desired.ThresholdPercent == live.ThresholdPercent
        && desired.SubscriberTopic == live.SubscriberTopic
        && (desired.SubscriberEmails ?? []).Order(StringComparer.Ordinal).SequenceEqual((live.SubscriberEmails ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static Budget BudgetOf(BudgetSpec spec) => new()
    {
        BudgetName = spec.BudgetName!,
        BudgetType = "COST",
        TimeUnit = "MONTHLY",
        BudgetLimit = new Spend { Amount = spec.LimitUsd.ToString(CultureInfo.InvariantCulture), Unit = Usd },
        CostFilters = spec.CostFilterTags.Count == 0
            ? null
            : new Dictionary<string, IReadOnlyList<string>> { [TagFilter] = [.. spec.CostFilterTags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{UserTagPrefix}{t.Key}${t.Value}")] },
    };

    private static Notification NotificationOf(BudgetNotificationSpec notification) =>
        new() { NotificationType = notification.Spend, ComparisonOperator = GreaterThan, Threshold = notification.ThresholdPercent, ThresholdType = Percentage };

    private static List<Subscriber> SubscribersOf(BudgetNotificationSpec notification, DriverContext context) =>
    [
        .. (notification.SubscriberEmails ?? []).Select(address => new Subscriber { SubscriptionType = "EMAIL", Address = address }),
        .. notification.SubscriberTopic is { } topic
            ? [new Subscriber { SubscriptionType = "SNS", Address = TopicArns.Of(topic, context) }]
            : Array.Empty<Subscriber>(),
    ];

    private static Dictionary<string, string> CostFilterTagsOf(IReadOnlyDictionary<string, IReadOnlyList<string>>? filters) =>
        (filters?.GetValueOrDefault(TagFilter) ?? [])
            .Select(f => f.StartsWith(UserTagPrefix, StringComparison.Ordinal) ? f[UserTagPrefix.Length..] : f)
            .Select(f => f.Split('$', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ElementAtOrDefault(1) ?? "", StringComparer.Ordinal);
}
