using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Planning;

/// <summary>The planner on live state as drivers report it: the kind's own spec record.</summary>
public sealed class TypedLiveTests
{
    private static readonly ResourceKey Registry = new("Table", "model-registry");
    private static readonly ResourceKey Models = new("Bucket", "models");
    private static readonly ResourceKey Inference = new("LogGroup", "inference");
    private static readonly ResourceKey App = new("SecurityGroup", "app");

    private static readonly Dictionary<ResourceKey, RecordedResource> NothingRecorded = [];

    [Fact]
    public void Plan_LiveNestedFieldDiffers_NamesTheLeaf()
    {
        var change = PlanWith<TableSpec>(Registry, live => live with { SortKey = live.SortKey! with { Type = "N" } });

        var field = Assert.Single(change.Fields);
        Assert.Equal(("sortKey.type", "\"N\"", "\"S\""), (field.Path, field.Before!.ToJsonString(), field.After!.ToJsonString()));
    }

    [Fact]
    public void Plan_LiveImmutableFieldDiffers_ReplacesNamingTheField()
    {
        var change = PlanWith<TableSpec>(Registry, live => live with { PartitionKey = live.PartitionKey with { Name = "id" } });

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["partitionKey.name"], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public void Plan_LiveListInAnotherOrderWithRulesRegrouped_IsTheSameSet()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[App] = Fixtures.Observed<SecurityGroupSpec>(stack, stack.Find(App)!, live => live with { Ingress = [.. live.Ingress.Reverse()], Egress = [.. live.Egress.Reverse()] });

        Assert.False(Planner.Compute(stack, observed, NothingRecorded).HasChanges);
    }

    [Fact]
    public void Plan_LiveValueOfAnUnmanagedNullableField_IsNotDrift()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Registry] = Fixtures.Observed<TableSpec>(stack, stack.Find(Registry)!, live => live with { TimeToLiveAttribute = "expiresAt" });
        observed[Models] = Fixtures.Observed<BucketSpec>(stack, stack.Find(Models)!, live => live with { KmsKeyId = "alias/aws/s3" });

        Assert.False(Planner.Compute(stack, observed, NothingRecorded).HasChanges);
    }

    [Fact]
    public void Plan_LiveLacksARequiredValue_ShowsItAbsentBefore()
    {
        var change = PlanWith<LogGroupSpec>(Inference, live => live with { RetentionDays = null });

        var field = Assert.Single(change.Fields);
        Assert.Equal(("retentionDays", "14"), (field.Path, field.After!.ToJsonString()));
        Assert.Null(field.Before);
        Assert.DoesNotContain("retentionDays", change.Before!.Select(p => p.Key));
    }

    [Fact]
    public void Plan_LiveLacksADefaultedNullableValue_IsManaged()
    {
        var change = PlanWith<BucketSpec>(Models, live => live with { Encryption = null });

        var field = Assert.Single(change.Fields);
        Assert.Equal(("encryption", "\"AES256\""), (field.Path, field.After!.ToJsonString()));
    }

    [Fact]
    public void Plan_LiveReportedAsAnotherKindsRecord_IsRefused()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Inference] = observed[Inference] with { Live = new VpcSpec { CidrBlock = "10.0.0.0/16" } };

        var error = Assert.Throws<InvalidOperationException>(() => Planner.Compute(stack, observed, NothingRecorded));

        Assert.Equal("LogGroup/inference: live state was reported as VpcSpec, not as the kind's spec record LogGroupSpec.", error.Message);
    }

    private static ResourceChange PlanWith<TSpec>(ResourceKey key, Func<TSpec, TSpec> change)
        where TSpec : IResourceSpec
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[key] = Fixtures.Observed(stack, stack.Find(key)!, change);
        return Assert.Single(Planner.Compute(stack, observed, NothingRecorded).Changes, c => c.Action is not ChangeAction.NoOp);
    }
}
