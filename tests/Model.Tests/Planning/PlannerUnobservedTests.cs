using Reconciler.Model.Planning;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Planning;

public sealed class PlannerUnobservedTests
{
    private static readonly ResourceKey Vpc = new("Vpc", "main");
    private static readonly ResourceKey PublicA = new("Subnet", "public-a");
    private static readonly ResourceKey PublicRoutes = new("RouteTable", "public");
    private static readonly ResourceKey Models = new("Bucket", "models");

    [Fact]
    public void Compute_KindNotObserved_ItsResourcesAndDependantsSkippedNotCreated()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        foreach (var key in observed.Keys.Where(k => k.Kind == "Subnet").ToList())
        {
            observed.Remove(key);
        }

        var plan = Planner.Compute(stack, observed, Fixtures.Applied(stack), new Dictionary<string, string> { ["Subnet"] = "AccessDenied" });

        Assert.DoesNotContain(plan.Changes, c => c.Key.Kind == "Subnet");
        Assert.DoesNotContain(plan.Changes, c => c.Key == PublicRoutes);
        Assert.False(plan.HasChanges);
        var subnet = Assert.Single(plan.Skipped, s => s.Key == PublicA);
        Assert.Equal("not observed: observing Subnet failed: AccessDenied", subnet.Reason);
        var routes = Assert.Single(plan.Skipped, s => s.Key == PublicRoutes);
        Assert.StartsWith("skipped: it depends on Subnet/", routes.Reason, StringComparison.Ordinal);
        Assert.Contains(plan.Changes, c => c.Key == Vpc);
        Assert.Contains(plan.Changes, c => c.Key == Models);
    }

    [Fact]
    public void Compute_RecordedResourceOfUnobservedKindWithDocumentGone_IsNeitherDeletedNorOrphaned()
    {
        var stack = Fixtures.Dev();
        var gone = new ResourceKey("Subnet", "retired");
        var recorded = Fixtures.Applied(stack);
        recorded[gone] = new RecordedResource { Key = gone, AppliedHash = "x", Identity = new Dictionary<string, string> { ["id"] = "subnet-1" } };

        var plan = Planner.Compute(stack, Fixtures.InSync(stack), recorded, new Dictionary<string, string> { ["Subnet"] = "throttled" });

        Assert.DoesNotContain(plan.Changes, c => c.Key == gone);
        Assert.Contains(plan.Skipped, s => s.Key == gone);
    }

    [Fact]
    public void Render_SkippedResources_ListedWithTheirReason()
    {
        var stack = Fixtures.Dev();
        var plan = Planner.Compute(stack, Fixtures.InSync(stack), Fixtures.Applied(stack), new Dictionary<string, string> { ["Bucket"] = "AccessDenied" });

        var text = PlanRenderer.Render(plan);

        Assert.Contains("  ? Bucket/models (not observed: observing Bucket failed: AccessDenied)\n", text, StringComparison.Ordinal);
    }
}
