using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Reconcile;

public sealed class StackObserverTests
{
    private static readonly ResourceKey MainVpc = new("Vpc", "main");

    [Fact]
    public async Task ObserveAsync_StackTagsReadable_ObservesKindsOfDifferentLevelsAtOnce()
    {
        var (vpc, subnet) = Probes(TimeSpan.FromSeconds(10));

        await ObserveAsync(new FakeTaggingClient([]), vpc, subnet);

        Assert.True(vpc.Overlapped, "the Vpc observe should have run while the Subnet observe ran");
        Assert.True(subnet.Overlapped, "the Subnet observe should have run while the Vpc observe ran");
    }

    [Fact]
    public async Task ObserveAsync_StackTagsUnreadable_ObservesInReferenceOrder()
    {
        var (vpc, subnet) = Probes(TimeSpan.FromMilliseconds(200));

        await ObserveAsync(new FakeTaggingClient(null), vpc, subnet);

        Assert.False(subnet.Overlapped, "a Subnet's vpc is named through the VPCs' ids: without the tags, VPCs are observed first");
    }

    [Fact]
    public async Task ObserveAsync_ResourceTagInGetResources_NamesTheDocumentsIdBeforeAnyKindIsObserved()
    {
        var (vpc, subnet) = Probes(TimeSpan.FromSeconds(10));
        var tagging = new FakeTaggingClient([Mapping("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc", "Vpc/main")]);

        await ObserveAsync(tagging, vpc, subnet);

        Assert.Equal("vpc-0abc", subnet.IdentitiesAtStart.GetValueOrDefault(MainVpc));
        Assert.Equal(1, tagging.Calls);
    }

    [Fact]
    public async Task ObserveAsync_RecordedIdAmongTaggedDuplicates_KeepsTheRecordedId()
    {
        var (vpc, subnet) = Probes(TimeSpan.FromSeconds(10));
        var tagging = new FakeTaggingClient(
        [
            Mapping("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0aaa", "Vpc/main"),
            Mapping("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0bbb", "Vpc/main"),
        ]);
        var recorded = new RecordedResource { Key = MainVpc, Identity = new Dictionary<string, string> { ["id"] = "vpc-0bbb" } };

        await ObserveAsync(tagging, vpc, subnet, recorded);

        Assert.Equal("vpc-0bbb", subnet.IdentitiesAtStart.GetValueOrDefault(MainVpc));
    }

    private static (ObserveProbeDriver Vpc, ObserveProbeDriver Subnet) Probes(TimeSpan wait)
    {
        var vpc = new ObserveProbeDriver("Vpc", wait);
        var subnet = new ObserveProbeDriver("Subnet", wait) { Other = vpc };
        vpc.Other = subnet;
        return (vpc, subnet);
    }

    private static ResourceTagMapping Mapping(string arn, string resource) => new()
    {
        ResourceARN = arn,
        Tags = [new Tag { Key = ResourceTags.StackTag, Value = "s" }, new Tag { Key = ResourceTags.ResourceTag, Value = resource }],
    };

    private static async Task ObserveAsync(FakeTaggingClient tagging, ObserveProbeDriver vpc, ObserveProbeDriver subnet, RecordedResource? recorded = null)
    {
        var stack = new StackSpec { Name = "s", Region = "us-east-1", AccountId = "123456789012" };
        var context = new DriverContext
        {
            Stack = stack,
            Aws = NoAwsClients.With(tagging),
            Identities = new IdentityIndex(),
            Time = TimeProvider.System,
            Logger = NullLogger.Instance,
        };
        var observer = new StackObserver(new DriverCatalog([vpc, subnet]));
        var records = recorded is null ? new Dictionary<ResourceKey, RecordedResource>() : new Dictionary<ResourceKey, RecordedResource> { [recorded.Key] = recorded };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await observer.ObserveAsync(new DesiredStack { Stack = stack, Resources = [], Directory = "." }, records, new Dictionary<string, string>(), context, timeout.Token);
    }
}
