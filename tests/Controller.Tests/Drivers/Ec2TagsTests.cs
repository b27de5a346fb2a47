using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;

namespace Reconciler.Controller.Tests.Drivers;

public sealed class Ec2TagsTests
{
    private static readonly List<List<Tag>> Items =
    [
        [new Tag("reconciler:stack", "dev"), new Tag("reconciler:resource", "NatGateway/nat-a")],
        [new Tag("reconciler:stack", "other"), new Tag("reconciler:resource", "NatGateway/nat-a")],
        [],
    ];

    [Fact]
    public void Matching_TagFilters_KeepOnlyItemsWithEveryTag()
    {
        List<Filter> filters = [new("tag:reconciler:stack", ["dev"]), new("tag:reconciler:resource", ["NatGateway/nat-a"])];

        var kept = Ec2Tags.Matching(Items, filters, i => i);

        Assert.Same(Items[0], Assert.Single(kept));
    }

    [Fact]
    public void Matching_FilterWithSeveralValues_KeepsItemsWithAnyOfThem()
    {
        var kept = Ec2Tags.Matching(Items, [new Filter("tag:reconciler:stack", ["dev", "other"])], i => i);

        Assert.Equal([Items[0], Items[1]], kept);
    }

    [Fact]
    public void Matching_NoTagFilters_KeepsEverything()
    {
        Assert.Equal(Items, Ec2Tags.Matching(Items, [new Filter("subnet-id", ["subnet-1"])], i => i));
        Assert.Equal(Items, Ec2Tags.Matching(Items, null, i => i));
    }
}
