using Reconciler.Aws.Clients.Budgets;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class BudgetsMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateBudget_IsSeenByTheCliAndReadBackWithItsNotification()
    {
        var budgets = moto.Clients.CreateBudgets();
        var name = MotoFixture.Unique("monthly");
        var notification = new Notification { NotificationType = "ACTUAL", ComparisonOperator = "GREATER_THAN", Threshold = 80, ThresholdType = "PERCENTAGE" };

        await budgets.CreateBudgetAsync(new CreateBudgetRequest
        {
            AccountId = MotoFixture.AccountId,
            Budget = new Budget
            {
                BudgetName = name,
                BudgetLimit = new Spend { Amount = "320", Unit = "USD" },
                TimeUnit = "MONTHLY",
                BudgetType = "COST",
                TimePeriod = new TimePeriod { Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2087, 6, 15, 0, 0, 0, TimeSpan.Zero) },
            },
            NotificationsWithSubscribers =
            [
                new NotificationWithSubscribers { Notification = notification, Subscribers = [new Subscriber { SubscriptionType = "EMAIL", Address = "ops@example.com" }] },
            ],
        });

        var budget = (await budgets.DescribeBudgetAsync(new DescribeBudgetRequest { AccountId = MotoFixture.AccountId, BudgetName = name })).Budget!;
        var cli = await moto.CliAsync("budgets", "describe-budget", "--account-id", MotoFixture.AccountId, "--budget-name", name);
        var all = await budgets.DescribeBudgetsAllAsync(new DescribeBudgetsRequest { AccountId = MotoFixture.AccountId, MaxResults = 1 }).Select(b => b.BudgetName).ToListAsync();
        var notifications = await budgets.DescribeNotificationsForBudgetAllAsync(
            new DescribeNotificationsForBudgetRequest { AccountId = MotoFixture.AccountId, BudgetName = name }).ToListAsync();

        Assert.Equal("320", cli.GetProperty("Budget").GetProperty("BudgetLimit").GetProperty("Amount").GetString()!.Split('.')[0]);
        Assert.Equal("USD", budget.BudgetLimit!.Unit);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), budget.TimePeriod!.Start);
        Assert.Contains(name, all);
        Assert.Equal(80, Assert.Single(notifications).Threshold);
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribeBudget_OfAMissingBudget_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateBudgets().DescribeBudgetAsync(
            new DescribeBudgetRequest { AccountId = MotoFixture.AccountId, BudgetName = "no-such-budget" }));

        Assert.Equal("NotFoundException", error.ErrorCode);
    }
}
