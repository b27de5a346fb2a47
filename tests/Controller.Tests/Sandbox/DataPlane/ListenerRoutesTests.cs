using Reconciler.Controller.Sandbox.DataPlane;

namespace Reconciler.Controller.Tests.Sandbox.DataPlane;

public sealed class ListenerRoutesTests
{
    private const string Balancer = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    private const string Blue = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/73e2d6bc24d8a067";
    private const string Green = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/a1b2c3d4e5f60718";

    [Theory]
    [InlineData(0.0, "blue")]
    [InlineData(0.8999, "blue")]
    [InlineData(0.9, "green")]
    [InlineData(0.99999, "green")]
    public void Pick_Draw_FallsInTheTargetsShareOfTheTotalWeight(double draw, string expected) =>
        Assert.Equal(expected, Routes(90, 10).Pick(draw)!.Name);

    [Fact]
    public void Pick_ZeroWeight_IsNeverChosen()
    {
        var routes = Routes(0, 100);
        Assert.All(Enumerable.Range(0, 100).Select(i => routes.Pick(i / 100.0)), t => Assert.Equal("green", t!.Name));
    }

    [Fact]
    public void Pick_EveryWeightZero_ChoosesNothing() => Assert.Null(Routes(0, 0).Pick(0.5));

    [Fact]
    public void Pick_ManySeededDraws_SplitInTheWeightsProportion()
    {
        var routes = Routes(70, 30);
        var random = new Random(1);
        var green = Enumerable.Range(0, 10_000).Count(_ => routes.Pick(random.NextDouble())!.Name == "green");
        Assert.InRange(green, 2800, 3200);
    }

    [Fact]
    public void Dimensions_AreTheArnSuffixesCloudWatchUses()
    {
        var routes = Routes(1, 1);
        Assert.Equal("app/web/50dc6c495c0c9188", routes.LoadBalancerDimension);
        Assert.Equal("targetgroup/blue/73e2d6bc24d8a067", routes.Targets[0].Dimension);
    }

    [Fact]
    public void ArnSuffix_NotALoadBalancerArn_SaysWhichArn() =>
        Assert.Contains("'arn:aws:s3:::bucket'", Assert.Throws<FormatException>(() => ArnSuffix.LoadBalancer("arn:aws:s3:::bucket")).Message, StringComparison.Ordinal);

    private static ListenerRoutes Routes(int blue, int green) =>
        new(Balancer, Balancer.Replace("loadbalancer", "listener", StringComparison.Ordinal) + "/1", [new TargetRoute(Blue, blue, "1"), new TargetRoute(Green, green, "2")]);
}
