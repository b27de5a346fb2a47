using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using ElbAction = Reconciler.Aws.Clients.ElasticLoadBalancingV2.Action;

namespace Reconciler.Controller.Tests.Drivers;

public sealed class Elbv2ActionsTests
{
    private const string BlueArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/s-blue-aaaaaa/1";
    private const string GreenArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/s-green-bbbbbb/2";
    private const string CanaryArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/s-canary-cccccc/3";

    [Fact]
    public void ToAws_RolloutWeights_KeepsLiveWeightsAndTakesTheDocumentsOnlyForNewTargetGroups()
    {
        var desired = Forward(ForwardActionSpec.RolloutWeights, ("blue", 100), ("green", 0), ("canary", 5));
        var live = Forward(ForwardActionSpec.DeclaredWeights, ("blue", 30), ("green", 70));

        var action = Assert.Single(Elbv2Actions.ToAws(desired, live, Context()));

        Assert.Equal([(BlueArn, 30), (GreenArn, 70), (CanaryArn, 5)], action.ForwardConfig!.TargetGroups!.Select(g => (g.TargetGroupArn, g.Weight ?? -1)));
    }

    [Fact]
    public void ToAws_DeclaredWeights_WritesTheDocumentsWeights()
    {
        var desired = Forward(ForwardActionSpec.DeclaredWeights, ("blue", 100), ("green", 0));
        var live = Forward(ForwardActionSpec.DeclaredWeights, ("blue", 30), ("green", 70));

        var action = Assert.Single(Elbv2Actions.ToAws(desired, live, Context()));

        Assert.Equal([(BlueArn, 100), (GreenArn, 0)], action.ForwardConfig!.TargetGroups!.Select(g => (g.TargetGroupArn, g.Weight ?? -1)));
        Assert.False(action.ForwardConfig.TargetGroupStickinessConfig!.Enabled);
    }

    [Fact]
    public void FromAws_ForwardWithoutConfig_ReadsTheSingleTargetGroupAtWeightOne()
    {
        var live = Elbv2Actions.FromAws([new ElbAction { Type = "forward", TargetGroupArn = BlueArn }], Context());

        Assert.Equal([("blue", 1)], live.Forward!.TargetGroups.Select(g => (g.TargetGroup, g.Weight)));
    }

    [Fact]
    public void FromAws_ThenToAws_RedirectRoundTrips()
    {
        var redirect = new ElbAction
        {
            Type = "redirect",
            RedirectConfig = new RedirectActionConfig { Protocol = "HTTPS", Port = "443", Host = "#{host}", Path = "/#{path}", Query = "#{query}", StatusCode = "HTTP_301" },
        };

        var live = Elbv2Actions.FromAws([redirect], Context());

        Assert.Equal(new RedirectActionSpec(), live.Redirect);
        Assert.Equal(redirect, Assert.Single(Elbv2Actions.ToAws(live, null, Context())));
    }

    private static ListenerActionSpec Forward(string weights, params (string Group, int Weight)[] groups) => new()
    {
        Forward = new ForwardActionSpec { Weights = weights, TargetGroups = [.. groups.Select(g => new WeightedTargetGroupSpec { TargetGroup = g.Group, Weight = g.Weight })] },
    };

    private static DriverContext Context()
    {
        var identities = new IdentityIndex();
        identities.Set(new ResourceKey("TargetGroup", "blue"), BlueArn);
        identities.Set(new ResourceKey("TargetGroup", "green"), GreenArn);
        identities.Set(new ResourceKey("TargetGroup", "canary"), CanaryArn);
        return new DriverContext
        {
            Stack = new StackSpec { Name = "s", Region = "us-east-1", AccountId = "123456789012" },
            Aws = NoAwsClients.With(null!),
            Identities = identities,
            Time = TimeProvider.System,
            Logger = NullLogger.Instance,
        };
    }
}
