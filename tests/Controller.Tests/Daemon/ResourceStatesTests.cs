using Reconciler.Controller.Daemon;
using Reconciler.Controller.Reconcile;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Daemon;

public sealed class ResourceStatesTests
{
    [Fact]
    public void Of_ResourceSkippedBecauseItsKindWasNotObserved_IsNotObservedWithTheReason()
    {
        var plan = new Plan
        {
            Stack = new StackSpec { Name = "s", Region = "us-east-1", AccountId = "123456789012" },
            Changes = [],
            Skipped = [new SkippedResource { Key = new ResourceKey("LogGroup", "app"), Reason = "observing LogGroup failed: timeout" }],
        };

        var states = ResourceStates.Of(new ApplyResult { Plan = plan, Outcomes = [] });

        var state = Assert.Single(states);
        Assert.Equal("LogGroup/app", state.Key);
        Assert.Equal(ResourceStates.NotObserved, state.Value.State);
        Assert.Equal("observing LogGroup failed: timeout", state.Value.Error);
    }
}
