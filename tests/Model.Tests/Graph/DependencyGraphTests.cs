using System.Text.Json.Nodes;
using Reconciler.Model.Graph;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Graph;

public sealed class DependencyGraphTests
{
    [Fact]
    public void Levels_DevStack_DependenciesFirst()
    {
        var graph = DependencyGraph.Build(Fixtures.Dev());

        Assert.False(graph.HasCycle);
        Assert.Equal(
            [
                "Bucket/models LogGroup/api-access LogGroup/controller LogGroup/inference Policy/read-models Table/model-registry Vpc/main",
                "InternetGateway/main Role/app SecurityGroup/db Subnet/private-a Subnet/private-b Subnet/public-a Subnet/public-b",
                "InstanceProfile/app RouteTable/public SecurityGroup/app",
                "SecurityGroup/alb",
            ],
            graph.Levels.Select(level => string.Join(" ", level)));
    }

    [Fact]
    public void Build_HardCycle_NamesTheCycle()
    {
        var graph = DependencyGraph.Build(
        [
            Resource("a", dependsOn: ["b"]),
            Resource("b", dependsOn: ["c"]),
            Resource("c", dependsOn: ["a"]),
            Resource("d", dependsOn: []),
        ]);

        Assert.True(graph.HasCycle);
        Assert.Equal("reference cycle: Vpc/a -> Vpc/b -> Vpc/c -> Vpc/a", graph.CycleMessage);
        Assert.Equal(["Vpc/d"], graph.Levels[0].Select(k => k.ToString()));
    }

    [Fact]
    public void Build_SoftCycle_IsNoCycleAndStillOrdersOneWay()
    {
        var graph = DependencyGraph.Build(
        [
            Resource("a", dependsOn: [], soft: ["b"]),
            Resource("b", dependsOn: [], soft: ["a"]),
        ]);

        Assert.False(graph.HasCycle);
        Assert.Equal(["Vpc/b", "Vpc/a"], graph.Order.Select(k => k.ToString()));
        Assert.Equal([new ResourceKey("Vpc", "b")], graph.DependenciesOf(new ResourceKey("Vpc", "a")));
        Assert.Equal([new ResourceKey("Vpc", "a")], graph.DependentsOf(new ResourceKey("Vpc", "b")));
    }

    [Fact]
    public void Build_ReferenceToUnknownKey_IsIgnored()
    {
        var graph = DependencyGraph.Build([Resource("a", dependsOn: ["missing"])]);

        Assert.Equal(["Vpc/a"], graph.Order.Select(k => k.ToString()));
    }

    [Fact]
    public void KindOrder_FollowsReferencesBetweenKinds()
    {
        Assert.Equal(0, KindOrder.Rank("Vpc"));
        Assert.Equal(1, KindOrder.Rank("Subnet"));
        Assert.Equal(1, KindOrder.Rank("InternetGateway"));
        Assert.Equal(1, KindOrder.Rank("SecurityGroup"));
        Assert.Equal(2, KindOrder.Rank("RouteTable"));
        Assert.Equal(0, KindOrder.Rank("Bucket"));
        Assert.Equal(0, KindOrder.Rank("NoSuchKind"));
    }

    private static DesiredResource Resource(string name, string[] dependsOn, string[]? soft = null) => new()
    {
        Key = new ResourceKey("Vpc", name),
        Spec = new VpcSpec { CidrBlock = "10.0.0.0/16" },
        SpecJson = new JsonObject(),
        Metadata = new ResourceMetadata { Name = name },
        Location = new SourceLocation("x.yaml", 1, 1),
        DependsOn = [.. dependsOn.Select(d => new ResourceKey("Vpc", d))],
        SoftReferences = [.. (soft ?? []).Select(d => new ResourceKey("Vpc", d))],
        Hash = "h",
    };
}
