using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;
using Reconciler.Model.Schema;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Kinds;

public sealed class KindCatalogTests
{
    [Fact]
    public void All_FindsEveryKindRecordByAttribute()
    {
        var records = typeof(IResourceSpec).Assembly.GetTypes()
            .Where(t => typeof(IResourceSpec).IsAssignableFrom(t) && t.GetCustomAttribute<KindAttribute>() is not null)
            .Select(t => t.GetCustomAttribute<KindAttribute>()!.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(records, KindCatalog.All.Select(k => k.Name));
        Assert.All(KindCatalog.All, k => Assert.True(k.SpecType.IsSealed, $"{k.SpecType.Name} should be a sealed record"));
        Assert.True(KindCatalog.Find("Bucket")!.Stateful);
        Assert.False(KindCatalog.Find("Vpc")!.Stateful);
        Assert.Equal("Subnet", KindCatalog.For(typeof(SubnetSpec)).Name);
    }

    [Fact]
    public void EveryKind_PricesItsDefaults()
    {
        foreach (var kind in KindCatalog.All)
        {
            // A spec with only its declared defaults: every kind must price without a missing price or assumption.
            var spec = (IResourceSpec)new JsonObject().Deserialize(kind.SpecType, SpecJson.Partial)!;

            var cost = spec.Price(PriceTable.Default);

            Assert.True(cost.Usd >= 0, kind.Name);
            Assert.False(string.IsNullOrWhiteSpace(cost.Basis), $"{kind.Name} should say how its price is reached");
        }
    }

    [Fact]
    public void EveryKind_AppearsInTheSchema()
    {
        var schema = SchemaWriter.Generate();

        foreach (var kind in KindCatalog.All)
        {
            Assert.NotNull(schema["definitions"]![$"{kind.Name}Spec"]);
            Assert.Contains(kind.Name, schema["properties"]!["kind"]!["enum"]!.AsArray().Select(n => (string?)n));
        }
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
    public void Fields_NullableTypeOnlySaysLiveMayLackTheValue()
    {
        var logGroup = KindCatalog.Find("LogGroup")!;
        var bucket = KindCatalog.Find("Bucket")!;

        Assert.True(logGroup.Find("retentionDays")!.IsRequired);
        Assert.False(logGroup.Find("retentionDays")!.IsNullable);
        Assert.True(bucket.Find("encryption")!.HasDefault);
        Assert.True(bucket.Find("kmsKeyId")!.IsNullable);
        Assert.True(KindCatalog.Find("InternetGateway")!.Find("vpc")!.IsRequired);
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
        Assert.Equal(["Vpc", "InternetGateway", "NatGateway", "Subnet"], KindCatalog.Find("RouteTable")!.ReferencedKinds);
    }
}
