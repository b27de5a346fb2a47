using System.Text.Json.Nodes;
using Reconciler.Controller.Reconcile.Guards;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Reconcile;

public sealed class MassDeleteGuardTests
{
    [Fact]
    public void Check_DeletesWithinTheAllowedShare_Passes()
    {
        var plan = PlanOf(maxDeletePercent: 25, deletes: 1, kept: 3);

        MassDeleteGuard.Check(plan, new GuardOverrides());
    }

    [Fact]
    public void Check_DeletesOverTheAllowedShare_IsRefusedSayingHowToOverride()
    {
        var plan = PlanOf(maxDeletePercent: 25, deletes: 2, kept: 3);

        var refused = Assert.Throws<GuardViolation>(() => MassDeleteGuard.Check(plan, new GuardOverrides()));

        Assert.Equal(
            "The plan deletes 2 of the stack's 5 existing resources (40%), more than the 25% its policies.maxDeletePercent allows. " +
            "Check that the documents are all there; to delete them on purpose, pass --allow-mass-delete or raise policies.maxDeletePercent in the Stack document.",
            refused.Message);
    }

    [Fact]
    public void Check_DeletesOverTheShareWithOverride_Passes()
    {
        var plan = PlanOf(maxDeletePercent: 25, deletes: 5, kept: 0);

        MassDeleteGuard.Check(plan, new GuardOverrides { AllowMassDelete = true });
    }

    [Fact]
    public void Check_OrphansOnly_Passes()
    {
        var changes = Enumerable.Range(0, 4).Select(i => Change($"t{i}", ChangeAction.Orphan)).ToList();

        MassDeleteGuard.Check(new Plan { Stack = Stack(10), Changes = changes, Directory = "dev" }, new GuardOverrides());
    }

    private static Plan PlanOf(int maxDeletePercent, int deletes, int kept)
    {
        var changes = Enumerable.Range(0, deletes).Select(i => Change($"gone-{i}", ChangeAction.Delete))
            .Concat(Enumerable.Range(0, kept).Select(i => Change($"kept-{i}", ChangeAction.NoOp)))
            .Append(Change("new", ChangeAction.Create))
            .ToList();
        return new Plan { Stack = Stack(maxDeletePercent), Changes = changes, Directory = "dev" };
    }

    private static ResourceChange Change(string name, ChangeAction action) =>
        new() { Key = new ResourceKey("LogGroup", name), Action = action, Before = action == ChangeAction.Create ? null : new JsonObject() };

    private static StackSpec Stack(int maxDeletePercent) => new()
    {
        Name = "ml-platform-dev",
        Region = "us-east-1",
        AccountId = "123456789012",
        Policies = new StackPolicies { MaxDeletePercent = maxDeletePercent },
    };
}
