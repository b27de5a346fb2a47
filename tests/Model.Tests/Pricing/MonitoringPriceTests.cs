using Reconciler.Model.Pricing;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Pricing;

public sealed class MonitoringPriceTests
{
    private static AlarmSpec Alarm(int period) => new()
    {
        Namespace = "AWS/ApplicationELB",
        MetricName = "HTTPCode_Target_5XX_Count",
        Statistic = "Sum",
        Period = period,
        Threshold = "5",
        ComparisonOperator = "GreaterThanThreshold",
    };

    [Fact]
    public void Price_StandardResolutionAlarm_IsOneStandardAlarmMonth()
    {
        var cost = Alarm(60).Price(PriceTable.Default);

        Assert.Equal((0.10m, "1 standard-resolution alarm on 1 metric"), (cost.Usd, cost.Basis));
    }

    [Fact]
    public void Price_AlarmUnderAMinute_IsHighResolution()
    {
        var cost = Alarm(10).Price(PriceTable.Default);

        Assert.Equal((0.30m, "1 high-resolution alarm (10 s period)"), (cost.Usd, cost.Basis));
    }

    [Fact]
    public void Price_TopicWithinTheFreeTier_IsZero()
    {
        var cost = new TopicSpec { EmailSubscriptions = ["ops@example.com"] }.Price(PriceTable.Default);

        Assert.Equal((0m, "1,000 publishes a month to 1 email subscriptions"), (cost.Usd, cost.Basis));
    }

    [Fact]
    public void Price_TopicPastTheFreeTier_ChargesPublishesAndEmailsBeyondIt()
    {
        var prices = PriceTable.Default with
        {
            Assumptions = new Dictionary<string, IReadOnlyDictionary<string, UsageAssumption>>(PriceTable.Default.Assumptions)
            {
                ["Topic"] = new Dictionary<string, UsageAssumption>(PriceTable.Default.Assumptions["Topic"]) { ["publishesPerMonth"] = PriceTable.Default.Assumptions["Topic"]["publishesPerMonth"] with { Value = 3_000_000 } },
            },
        };

        var cost = new TopicSpec { EmailSubscriptions = ["a@example.com"] }.Price(prices);

        // 2 M publishes past the free million at $0.50/M, and 2,999,000 emails past the free 1,000 at $2.00 per 100,000.
        Assert.Equal(1.00m + 59.98m, cost.Usd);
    }

    [Fact]
    public void Price_Budget_IsFreeAndNamesThePricePastTheFreeOnes()
    {
        var budget = new BudgetSpec { LimitUsd = 350, Notifications = [new BudgetNotificationSpec { Spend = "ACTUAL", ThresholdPercent = 80, SubscriberEmails = ["a@example.com"] }] };

        var cost = budget.Price(PriceTable.Default);

        Assert.Equal((0m, "within the account's free budgets; each budget past them costs 0.02 USD a day"), (cost.Usd, cost.Basis));
    }

    [Theory]
    [InlineData("5", 5.0, "5")]
    [InlineData("1.5", 1.5, "1.5")]
    [InlineData("2000000000", 2e9, "2000000000")]
    [InlineData("0.25", 0.25, "0.25")]
    public void AlarmThreshold_PlainNumbers_ReadAndWriteBackTheSame(string text, double value, string formatted)
    {
        Assert.Equal(value, AlarmThreshold.Parse(text));
        Assert.Equal(formatted, AlarmThreshold.Format(value));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("")]
    [InlineData("NaN")]
    public void AlarmThreshold_NotANumber_IsNull(string text) => Assert.Null(AlarmThreshold.Parse(text));
}
