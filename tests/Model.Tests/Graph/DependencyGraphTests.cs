using System.Text.Json.Nodes;
using Reconciler.Model.Graph;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Graph;

public sealed class DependencyGraphTests
{
    // Checked as properties rather than a listing, so a document added to dev changes no test.
    [Fact]
    public void Levels_DevStack_PutEveryResourceOnceAfterItsDependencies()
    {
        var stack = Fixtures.Dev();
        var graph = DependencyGraph.Build(stack);

        Assert.False(graph.HasCycle);
        var levelOf = graph.Levels.SelectMany((level, index) => level.Select(key => (key, index))).ToDictionary(p => p.key, p => p.index);
        Assert.Equal(stack.Resources.Count, levelOf.Count);
        Assert.Equal(stack.Resources.Count, graph.Levels.Sum(level => level.Count));
        foreach (var resource in stack.Resources)
        {
            var level = levelOf[resource.Key];
            Assert.All(resource.DependsOn, dependency => Assert.True(levelOf[dependency] < level, $"{resource.Key} is on level {level}, its dependency {dependency} on {levelOf[dependency]}"));

            // As early as possible: on the level right after its latest dependency (soft references
            // that close no cycle order too).
            var ordering = graph.DependenciesOf(resource.Key);
            var expected = ordering.Count == 0 ? 0 : ordering.Max(d => levelOf[d]) + 1;
            Assert.True(level == expected, $"{resource.Key} is on level {level}, expected {expected}");
        }

        // The network's spine, whatever else dev holds: VPC, then subnets, then the route tables that associate them.
        Assert.True(levelOf[new ResourceKey("Vpc", "main")] < levelOf[new ResourceKey("Subnet", "public-a")]);
        Assert.True(levelOf[new ResourceKey("Subnet", "public-a")] < levelOf[new ResourceKey("RouteTable", "public")]);
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
        Assert.Equal(0, KindOrder.Rank("ElasticIp"));
        Assert.Equal(2, KindOrder.Rank("NatGateway"));
        Assert.Equal(3, KindOrder.Rank("RouteTable"));
        Assert.Equal(4, KindOrder.Rank("VpcEndpoint"));
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
