using Reconciler.Model.Planning;
using Reconciler.Model.Pricing;
using Reconciler.Model.Specs;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Pricing;

public sealed class AutoScalingGroupPriceTests
{
    private static readonly AutoScalingGroupSpec Group = new()
    {
        LaunchTemplate = "app",
        MinSize = 2,
        MaxSize = 4,
        DesiredCapacity = 2,
        Subnets = ["private-a", "private-b"],
    };

    [Fact]
    public void Price_WithItsTemplateInView_IsInstanceHoursAndRootVolumesTimesDesiredCapacity()
    {
        var template = new LaunchTemplateSpec { ImageId = "ami-0123456789abcdef0", InstanceType = "t3.medium", RootVolume = new RootVolumeSpec { SizeGb = 20 } };
        var context = new PricingContext(PriceTable.Default, new Dictionary<ResourceKey, Model.Kinds.IResourceSpec> { [new ResourceKey("LaunchTemplate", "app")] = template });

        var cost = Group.Price(context);

        // 2 x (730 h x 0.0416 + 20 GB x 0.08) = 2 x (30.368 + 1.60).
        Assert.Equal(63.936m, cost.Usd);
        Assert.Equal("2 x t3.medium for 730 hours, each with a 20 GB gp3 root volume", cost.Basis);
    }

    [Fact]
    public void Price_WithoutItsTemplate_IsZeroAndSaysWhy()
    {
        var cost = Group.Price(PriceTable.Default);

        Assert.Equal(0m, cost.Usd);
        Assert.Equal("launch template 'app' not in the estimate: its instances are not priced", cost.Basis);
    }

    [Fact]
    public void Price_InstanceTypeNotInTheTable_IsZeroAndNamesTheType()
    {
        var template = new LaunchTemplateSpec { ImageId = "ami-0123456789abcdef0", InstanceType = "p5.48xlarge" };
        var context = new PricingContext(PriceTable.Default, new Dictionary<ResourceKey, Model.Kinds.IResourceSpec> { [new ResourceKey("LaunchTemplate", "app")] = template });

        var cost = Group.Price(context);

        Assert.Equal((0m, "2 x p5.48xlarge: no price for that instance type in the us-east-1 table"), (cost.Usd, cost.Basis));
    }

    [Fact]
    public void Estimate_ProdStack_PricesTheAppTierFromItsLaunchTemplate()
    {
        var estimate = CostEstimator.Estimate(Fixtures.Prod());

        Assert.Equal(63.94m, estimate.Lines.Single(l => l.Key.ToString() == "AutoScalingGroup/app").MonthlyUsd);
        Assert.Equal(0m, estimate.Lines.Single(l => l.Key.ToString() == "LaunchTemplate/app").MonthlyUsd);
    }

    [Fact]
    public void Delta_LaunchTemplateInstanceTypeRaised_ChargesTheUnchangedGroupTheDifference()
    {
        var stack = Fixtures.Prod();
        var observed = Fixtures.InSync(stack);
        var template = new ResourceKey("LaunchTemplate", "app");
        observed[template] = Fixtures.Observed<LaunchTemplateSpec>(stack, stack.Find(template)!, live => live with { InstanceType = "t3.small" });
        var plan = Planner.Compute(stack, observed, Fixtures.Applied(stack));

        var cost = CostEstimator.Delta(plan);

        // The template is free; the group's 2 instances go from t3.small to t3.medium: 2 x 730 h x (0.0416 - 0.0208).
        var change = Assert.Single(cost.Changes);
        Assert.Equal((new ResourceKey("AutoScalingGroup", "app"), ChangeAction.NoOp), (change.Key, change.Action));
        Assert.Equal(30.37m, change.DeltaUsd);
        Assert.Equal(30.37m, cost.DeltaUsd);
    }
}
