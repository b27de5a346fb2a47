using System.Text.Json.Nodes;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Planning;

public sealed class PlannerTagRemovalTests
{
    private static readonly ResourceKey Models = new("Bucket", "models");

    [Fact]
    public void Compute_TagAppliedLastTimeDroppedFromDocument_PlansItsRemoval()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Models] = observed[Models] with { Tags = WithTag(observed[Models].Tags, "team", "ml") };
        var recorded = Fixtures.Applied(stack);
        recorded[Models] = recorded[Models] with { AppliedTags = WithTag(Effective(stack, Models), "team", "ml") };

        var change = Assert.Single(Planner.Compute(stack, observed, recorded).Changes, c => c.Action is not ChangeAction.NoOp);

        Assert.Equal(Models, change.Key);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.True(change.TagsOnly);
        Assert.Equal(["team"], Planner.RemovedTags(change.Fields));
        Assert.Equal("ml", (string?)change.Fields.Single().Before!["team"]);
    }

    [Fact]
    public void Compute_LiveTagNeverApplied_IsSomeoneElsesAndStays()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Models] = observed[Models] with { Tags = WithTag(observed[Models].Tags, "cost-centre", "42") };
        var recorded = Fixtures.Applied(stack);
        recorded[Models] = recorded[Models] with { AppliedTags = Effective(stack, Models) };

        Assert.False(Planner.Compute(stack, observed, recorded).HasChanges);
    }

    [Fact]
    public void Compute_AppliedTagAlreadyGoneFromAws_PlansNothing()
    {
        var stack = Fixtures.Dev();
        var recorded = Fixtures.Applied(stack);
        recorded[Models] = recorded[Models] with { AppliedTags = WithTag(Effective(stack, Models), "team", "ml") };

        Assert.False(Planner.Compute(stack, Fixtures.InSync(stack), recorded).HasChanges);
    }

    [Fact]
    public void Compute_ReservedTagInAppliedButNotDesired_IsNeverRemoved()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Models] = observed[Models] with { Tags = WithTag(observed[Models].Tags, "reconciler:role", "old") };
        var recorded = Fixtures.Applied(stack);
        recorded[Models] = recorded[Models] with { AppliedTags = WithTag(Effective(stack, Models), "reconciler:role", "old") };

        Assert.False(Planner.Compute(stack, observed, recorded).HasChanges);
    }

    [Fact]
    public void Compute_TagChangedAndAnotherRemoved_RemovesOnlyTheDroppedOne()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        var live = WithTag(WithTag(observed[Models].Tags, "team", "ml"), ResourceTags.StackTag, "other");
        observed[Models] = observed[Models] with { Tags = live };
        var recorded = Fixtures.Applied(stack);
        recorded[Models] = recorded[Models] with { AppliedTags = WithTag(Effective(stack, Models), "team", "ml") };

        var change = Assert.Single(Planner.Compute(stack, observed, recorded).Changes, c => c.Action is not ChangeAction.NoOp);

        Assert.Equal(["team"], Planner.RemovedTags(change.Fields));
        var after = Assert.IsType<JsonObject>(change.Fields.Single().After);
        Assert.Equal(stack.Stack.Name, (string?)after[ResourceTags.StackTag]);
    }

    private static Dictionary<string, string> Effective(DesiredStack stack, ResourceKey key) =>
        new(ResourceTags.Effective(stack.Stack, stack.Find(key)!));

    private static Dictionary<string, string> WithTag(IReadOnlyDictionary<string, string> tags, string key, string value) =>
        new(tags) { [key] = value };
}
