using Reconciler.Model.Kinds;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Kinds;

public sealed class KindCatalogTests
{
    [Fact]
    public void All_FindsEveryKindRecordByAttribute()
    {
        Assert.Equal(
            ["Bucket", "InternetGateway", "LogGroup", "RouteTable", "SecurityGroup", "Subnet", "Table", "Vpc"],
            KindCatalog.All.Select(k => k.Name));
        Assert.True(KindCatalog.Find("Bucket")!.Stateful);
        Assert.False(KindCatalog.Find("Vpc")!.Stateful);
        Assert.Equal("Subnet", KindCatalog.For(typeof(SubnetSpec)).Name);
    }

    [Fact]
    public void Fields_RequiredNullableAndDefaultedAreTold()
    {
        var subnet = KindCatalog.Find("Subnet")!;

        Assert.True(subnet.Find("cidrBlock")!.IsRequired);
        Assert.True(subnet.Find("availabilityZone")!.IsNullable);
        Assert.True(subnet.Find("mapPublicIpOnLaunch")!.HasDefault);
        Assert.True(subnet.Find("cidrBlock")!.Immutable);
        Assert.True(subnet.Find("cidrBlock")!.IsCidr);
        Assert.Equal("Vpc", subnet.Find("vpc")!.Reference!.Kind);
    }

    [Fact]
    public void PathTo_EntersNestedRecordsAndListItems()
    {
        var table = KindCatalog.Find("Table")!;
        var group = KindCatalog.Find("SecurityGroup")!;

        Assert.Equal(["partitionKey", "name"], table.PathTo("partitionKey.name").Select(f => f.Name));
        Assert.Equal(FieldShape.Integer, group.PathTo("ingress.fromPort")[^1].Shape);
        Assert.True(group.PathTo("ingress.securityGroup")[^1].Reference!.Soft);
        Assert.Empty(group.PathTo("ingress.nope"));
    }

    [Fact]
    public void ReferencedKinds_ExcludeSoftReferences()
    {
        Assert.Equal(["Vpc"], KindCatalog.Find("SecurityGroup")!.ReferencedKinds);
        Assert.Equal(["Vpc", "InternetGateway", "Subnet"], KindCatalog.Find("RouteTable")!.ReferencedKinds);
    }
}
