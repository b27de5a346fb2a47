using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Planning;

/// <summary>Weights a rollout owns reach the planner through the one ignoreFields mechanism; declared weights are diffed like any field.</summary>
public sealed class RolloutWeightsTests
{
    private static readonly ResourceKey Https = new("Listener", "https");

    private const string Traffic = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.0.0.0/16
        ---
        kind: TargetGroup
        metadata:
          name: blue
        spec:
          vpc: main
          port: 8080
        ---
        kind: TargetGroup
        metadata:
          name: green
        spec:
          vpc: main
          port: 8080
        ---
        kind: Listener
        metadata:
          name: https
        spec:
          loadBalancer: web
          port: 443
          protocol: HTTPS
          certificate: web
          defaultAction:
            forward:
              targetGroups:
                - targetGroup: blue
                  weight: 100
                - targetGroup: green
                  weight: 0
              weights: rollout
        ---
        kind: Certificate
        metadata:
          name: web
        spec:
          domainName: api.example.com
        ---
        kind: LoadBalancer
        metadata:
          name: web
        spec:
          subnets: [a, b]
          securityGroups: []
        ---
        kind: Subnet
        metadata:
          name: a
        spec:
          vpc: main
          cidrBlock: 10.0.1.0/24
          availabilityZone: us-east-1a
        ---
        kind: Subnet
        metadata:
          name: b
        spec:
          vpc: main
          cidrBlock: 10.0.2.0/24
          availabilityZone: us-east-1b
        """;

    [Fact]
    public void Load_RolloutWeights_JoinTheDocumentsIgnoreFields()
    {
        var listener = Load(Traffic).Find(Https)!;

        Assert.Equal(["defaultAction.forward.weights", "defaultAction.forward.targetGroups.weight"], listener.Metadata.IgnoreFields);
    }

    [Fact]
    public void Compute_RolloutWeightsMovedInAws_IsNoChange()
    {
        var stack = Load(Traffic);

        var change = PlanWithLiveWeights(stack, blue: 10, green: 90);

        Assert.Equal(ChangeAction.NoOp, change.Action);
    }

    [Fact]
    public void Compute_DeclaredWeightsMovedInAws_IsAnUpdateOfTheTargetGroups()
    {
        var stack = Load(Traffic.Replace("weights: rollout", "weights: declared", StringComparison.Ordinal));

        var change = PlanWithLiveWeights(stack, blue: 10, green: 90);

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(["defaultAction.forward.targetGroups"], change.Fields.Select(f => f.Path));
    }

    [Fact]
    public void Compute_RolloutOwnedForwardLosingATargetGroup_IsStillAChange()
    {
        var stack = Load(Traffic);
        var listener = stack.Find(Https)!;
        var observed = Fixtures.InSync(stack);
        observed[Https] = Fixtures.Observed<ListenerSpec>(stack, listener, live => live with
        {
            DefaultAction = new ListenerActionSpec { Forward = live.DefaultAction.Forward! with { TargetGroups = [new WeightedTargetGroupSpec { TargetGroup = "blue", Weight = 100 }] } },
        });

        var change = Planner.Compute(stack, observed, new Dictionary<ResourceKey, RecordedResource>()).Changes.Single(c => c.Key == Https);

        Assert.Equal(ChangeAction.Update, change.Action);
    }

    private static ResourceChange PlanWithLiveWeights(DesiredStack stack, int blue, int green)
    {
        var observed = Fixtures.InSync(stack);
        observed[Https] = Fixtures.Observed<ListenerSpec>(stack, stack.Find(Https)!, live => live with
        {
            DefaultAction = new ListenerActionSpec
            {
                Forward = live.DefaultAction.Forward! with
                {
                    TargetGroups = [new WeightedTargetGroupSpec { TargetGroup = "blue", Weight = blue }, new WeightedTargetGroupSpec { TargetGroup = "green", Weight = green }],
                    Weights = ForwardActionSpec.DeclaredWeights,
                },
            },
        });
        return Planner.Compute(stack, observed, new Dictionary<ResourceKey, RecordedResource>()).Changes.Single(c => c.Key == Https);
    }

    private static DesiredStack Load(string documents)
    {
        using var folder = new TempFolder().With("stack.yaml", Documents.Stack).With("traffic.yaml", documents);
        var result = DesiredStateLoader.Load(folder.Path);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Stack!;
    }
}
