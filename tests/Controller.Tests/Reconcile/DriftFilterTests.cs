using System.Text.Json.Nodes;
using Reconciler.Controller.Reconcile;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Reconcile;

public sealed class DriftFilterTests
{
    [Fact]
    public void WithoutAlertOnlyDrift_DriftUnderAlert_IsLeftOut()
    {
        var plan = PlanOf(DriftPolicy.Alert, Change("a", isDrift: true, drift: null), Change("b", isDrift: false, drift: null));

        var executable = DriftFilter.WithoutAlertOnlyDrift(plan);

        Assert.Equal(["LogGroup/b"], executable.Changes.Select(c => c.Key.ToString()));
    }

    [Fact]
    public void WithoutAlertOnlyDrift_DriftOfAResourceUnderHeal_IsKept()
    {
        var plan = PlanOf(DriftPolicy.Alert, Change("a", isDrift: true, drift: DriftPolicy.Heal));

        Assert.Single(DriftFilter.WithoutAlertOnlyDrift(plan).Changes);
    }

    [Fact]
    public void WithoutAlertOnlyDrift_StackUnderHeal_KeepsEveryDrift()
    {
        var plan = PlanOf(DriftPolicy.Heal, Change("a", isDrift: true, drift: null));

        Assert.Single(DriftFilter.WithoutAlertOnlyDrift(plan).Changes);
    }

    private static Plan PlanOf(DriftPolicy stackDrift, params ResourceChange[] changes) => new()
    {
        Stack = new StackSpec { Name = "s", Region = "us-east-1", AccountId = "123456789012", Policies = new StackPolicies { Drift = stackDrift } },
        Changes = changes,
    };

    private static ResourceChange Change(string name, bool isDrift, DriftPolicy? drift)
    {
        var key = new ResourceKey("LogGroup", name);
        var desired = new DesiredResource
        {
            Key = key,
            Spec = new LogGroupSpec { RetentionDays = 14, LogGroupName = "/s/" + name },
            SpecJson = new JsonObject { ["retentionDays"] = 14 },
            Metadata = new ResourceMetadata { Name = name, Drift = drift },
            Location = new SourceLocation("logs.yaml", 1, 1),
            Hash = "h",
        };
        return new ResourceChange { Key = key, Action = ChangeAction.Update, Desired = desired, IsDrift = isDrift };
    }
}
