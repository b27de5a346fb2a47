using Reconciler.Controller.Reconcile;
using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Tests.Engine;

public sealed class StackObserverTests
{
    [Fact]
    public async Task Observe_OneKindFails_OtherKindsObservedAndTheFailureReported()
    {
        using var engine = new EngineHarness();
        await engine.ExecuteAsync();
        engine.Cloud.Fail("observe", "Subnet", new InvalidOperationException("AccessDenied: ec2:DescribeSubnets"));

        var observation = await new StackObserver(engine.Drivers).ObserveAsync(engine.Stack, engine.State.Records, new Dictionary<string, string>(), engine.NewContext(), CancellationToken.None);

        Assert.Equal(["Subnet"], observation.FailedKinds.Keys);
        Assert.Contains("AccessDenied: ec2:DescribeSubnets", observation.FailedKinds["Subnet"], StringComparison.Ordinal);
        Assert.DoesNotContain(observation.Observed.Keys, k => k.Kind == "Subnet");
        Assert.True(observation.Observed[new ResourceKey("Vpc", "main")].Exists);
        Assert.True(observation.Observed[new ResourceKey("RouteTable", "public")].Exists);
        Assert.True(observation.Observed[new ResourceKey("Bucket", "models")].Exists);
        Assert.Contains(engine.Logger.Messages, m => m.Contains("Observe Subnet failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Observe_KindNotDue_NotAskedAndReportedWithTheReason()
    {
        using var engine = new EngineHarness();

        var observation = await new StackObserver(engine.Drivers).ObserveAsync(
            engine.Stack,
            new Dictionary<ResourceKey, RecordedResource>(),
            new Dictionary<string, string> { ["Bucket"] = "throttled (failed 2 time(s) in a row)" },
            engine.NewContext(),
            CancellationToken.None);

        Assert.DoesNotContain("observe Bucket", engine.Cloud.Journal);
        Assert.Contains("observe Vpc", engine.Cloud.Journal);
        Assert.Equal("throttled (failed 2 time(s) in a row)", observation.FailedKinds["Bucket"]);
    }

    [Fact]
    public async Task Observe_Cancelled_ThrowsInsteadOfReportingAFailedKind()
    {
        using var engine = new EngineHarness();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        engine.Cloud.Fail("observe", "Vpc", new OperationCanceledException(cancellation.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new StackObserver(engine.Drivers).ObserveAsync(engine.Stack, new Dictionary<ResourceKey, RecordedResource>(), new Dictionary<string, string>(), engine.NewContext(), cancellation.Token));
    }
}
