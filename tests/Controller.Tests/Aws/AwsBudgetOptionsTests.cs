using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsBudgetOptionsTests
{
    [Fact]
    public void Defaults_AreConservativePerServiceBudgetsThatHalveAndRecover()
    {
        var options = new AwsBudgetOptions();

        Assert.Empty(options.Validate());
        Assert.True(options.Enabled);
        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 20, Burst = 40 }, options.For("ec2"));
        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 50, Burst = 100 }, options.For("s3"));
        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 50, Burst = 100 }, options.For("dynamodb"));
        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 10, Burst = 20 }, options.For("logs"));
        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 10, Burst = 20 }, options.For("sts"));
        Assert.Equal((0.5, 0.5, 0.1, TimeSpan.FromSeconds(5)), (options.MinimumRate, options.DecreaseFactor, options.RecoveryStep, options.QuietPeriod));
    }

    [Fact]
    public void WithService_ChangesOneServiceAndKeepsTheOthers()
    {
        var options = new AwsBudgetOptions().WithService("logs", new AwsServiceBudget { RequestsPerSecond = 2, Burst = 3 });

        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 2, Burst = 3 }, options.For("logs"));
        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 20, Burst = 40 }, options.For("ec2"));
        Assert.Equal(new AwsServiceBudget { RequestsPerSecond = 10, Burst = 20 }, new AwsBudgetOptions().For("logs"));
    }

    [Fact]
    public void Validate_EveryBadSetting_NamesTheFieldAndTheFix()
    {
        var options = new AwsBudgetOptions
        {
            Default = new AwsServiceBudget { RequestsPerSecond = 0, Burst = 0 },
            Services = new Dictionary<string, AwsServiceBudget>
            {
                ["EC2"] = new() { RequestsPerSecond = 20, Burst = 40 },
                ["logs"] = new() { RequestsPerSecond = 0.25, Burst = 1 },
                ["s3"] = new() { RequestsPerSecond = double.NaN, Burst = 5 },
            },
            DecreaseFactor = 1,
            RecoveryStep = 0,
            QuietPeriod = TimeSpan.Zero,
        };

        Assert.Equal(
            [
                "Budget Default RequestsPerSecond is 0; set it to a positive number of requests per second such as 10.",
                "Budget Default Burst is 0; set it to at least 1, such as 20.",
                "Budget service 'EC2' is not a SigV4 signing name; key budgets by the lower-case name such as 'ec2', 's3' or 'logs'.",
                "Budget for service 's3' RequestsPerSecond is NaN; set it to a positive number of requests per second such as 10.",
                "Budget MinimumRate (0.5) is above the rate of service 'logs' (0.25); lower MinimumRate or raise that RequestsPerSecond.",
                "Budget DecreaseFactor is 1; set it between 0 and 1 (both excluded), such as 0.5 to halve the rate on throttling.",
                "Budget RecoveryStep is 0; set it above 0 and at most 1, such as 0.1 to add back a tenth of the rate per quiet period.",
                "Budget QuietPeriod is 00:00:00; set it to a positive time such as 00:00:05.",
            ],
            options.Validate());
    }

    [Fact]
    public void Validate_NonPositiveMinimumRate_SaysWhatToSetItTo()
    {
        var options = new AwsBudgetOptions { MinimumRate = 0 };

        Assert.Equal(["Budget MinimumRate is 0; set it to a positive rate such as 0.5 requests per second."], options.Validate());
    }

    [Fact]
    public void AwsEnvironmentValidate_IncludesTheBudgetsProblems()
    {
        var environment = AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000")) with
        {
            Budget = new AwsBudgetOptions { QuietPeriod = TimeSpan.FromSeconds(-1) },
        };

        Assert.Equal(["Budget QuietPeriod is -00:00:01; set it to a positive time such as 00:00:05."], environment.Validate());
    }

    [Fact]
    public void AwsRequestBudget_InvalidOptions_ThrowsWithEveryProblem()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => new AwsRequestBudget(new AwsBudgetOptions { DecreaseFactor = 0, RecoveryStep = 2 }));

        Assert.Equal(
            [
                "Budget DecreaseFactor is 0; set it between 0 and 1 (both excluded), such as 0.5 to halve the rate on throttling.",
                "Budget RecoveryStep is 2; set it above 0 and at most 1, such as 0.1 to add back a tenth of the rate per quiet period.",
            ],
            error.Errors);
    }

    [Fact]
    public void ToString_ListsTheServiceBudgets()
    {
        Assert.Equal(
            "AwsBudgetOptions { Enabled = True, Default = 10/s burst 20, Services = [dynamodb=50/s burst 100, ec2=20/s burst 40, logs=10/s burst 20, s3=50/s burst 100], "
            + "MinimumRate = 0.5, DecreaseFactor = 0.5, RecoveryStep = 0.1, QuietPeriod = 00:00:05 }",
            new AwsBudgetOptions().ToString());
    }
}
