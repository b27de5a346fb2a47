using Reconciler.Model.Loading;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Loading;

/// <summary>
/// Edges AWS imposes that no document writes: ECS refuses CreateService while no listener or
/// listener rule forwards to the service's target group, so the Service comes after them.
/// </summary>
public sealed class AttachmentOrderTests
{
    [Fact]
    public void Load_Prod_OrdersTheContainerServiceAfterTheRuleForwardingToItsTargetGroup()
    {
        var stack = DesiredStateLoader.Load(TestPaths.InRepo("desired-state", "prod")).Stack!;

        var service = stack.Find(new ResourceKey("Service", "inference"))!;

        Assert.Contains(new ResourceKey("TargetGroup", "tasks"), service.DependsOn);
        Assert.Contains(new ResourceKey("ListenerRule", "containers"), service.DependsOn);
        Assert.DoesNotContain(new ResourceKey("Listener", "https"), service.DependsOn);
    }
}
