using System.Text.Json.Nodes;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Planning;

public sealed class PlannerTests
{
    private static readonly ResourceKey Vpc = new("Vpc", "main");
    private static readonly ResourceKey App = new("SecurityGroup", "app");
    private static readonly ResourceKey PublicA = new("Subnet", "public-a");
    private static readonly ResourceKey Models = new("Bucket", "models");
    private static readonly ResourceKey Inference = new("LogGroup", "inference");
    private static readonly ResourceKey Registry = new("Table", "model-registry");

    private static readonly Dictionary<ResourceKey, RecordedResource> NothingRecorded = [];

    [Fact]
    public void Compute_NothingObserved_CreatesEverythingDependenciesFirst()
    {
        var stack = Fixtures.Dev();

        var plan = Planner.Compute(stack, new Dictionary<ResourceKey, ObservedResource>(), NothingRecorded);

        Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.Create, c.Action));
        Assert.Equal(stack.Resources.Count, plan.Changes.Count);
        var order = plan.Changes.Select(c => c.Key).ToList();
        Assert.True(order.IndexOf(Vpc) < order.IndexOf(PublicA));
        Assert.True(order.IndexOf(PublicA) < order.IndexOf(new ResourceKey("RouteTable", "public")));
        Assert.True(order.IndexOf(new ResourceKey("InternetGateway", "main")) < order.IndexOf(new ResourceKey("RouteTable", "public")));
        Assert.DoesNotContain(plan.Changes, c => c.IsDrift);
    }

    [Fact]
    public void Compute_ObservedMissing_Creates()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Models] = ObservedResource.Missing(Models);

        var change = Single(Planner.Compute(stack, observed, NothingRecorded));

        Assert.Equal(Models, change.Key);
        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal("bucketName", change.Fields[0].Path);
        Assert.Equal("tags", change.Fields[^1].Path);
    }

    [Fact]
    public void Compute_AppliedResourceDeletedBehindOurBack_IsDriftingCreate()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed.Remove(Models);

        var change = Single(Planner.Compute(stack, observed, Fixtures.Applied(stack)));

        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.True(change.IsDrift);
    }

    [Fact]
    public void Compute_EverythingInSync_IsAllNoOps()
    {
        var stack = Fixtures.Dev();

        var plan = Planner.Compute(stack, Fixtures.InSync(stack), Fixtures.Applied(stack));

        Assert.False(plan.HasChanges);
        Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.NoOp, c.Action));
    }

    [Fact]
    public void Compute_ArraysInAnotherOrder_AreTheSameSet()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[App] = Fixtures.Observed<SecurityGroupSpec>(stack, stack.Find(App)!, live => live with { Egress = [.. live.Egress.Reverse()] });
        observed[new ResourceKey("RouteTable", "public")] = Fixtures.Observed<RouteTableSpec>(stack, stack.Find(new ResourceKey("RouteTable", "public"))!, live => live with { Subnets = [.. live.Subnets.Reverse()] });

        Assert.False(Planner.Compute(stack, observed, NothingRecorded).HasChanges);
    }

    [Fact]
    public void Compute_ExtraLiveRule_IsAnUpdateOfTheWholeSet()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[App] = Fixtures.Observed<SecurityGroupSpec>(stack, stack.Find(App)!, live =>
            live with { Ingress = [.. live.Ingress, new SecurityGroupRuleSpec { FromPort = 22, ToPort = 22, CidrBlocks = ["0.0.0.0/0"] }] });

        var change = Single(Planner.Compute(stack, observed, NothingRecorded));

        Assert.Equal(ChangeAction.Update, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal("ingress", field.Path);
        Assert.Equal(2, field.Before!.AsArray().Count);
        Assert.Single(field.After!.AsArray());
        Assert.False(field.ForcesReplacement);
        Assert.False(change.TagsOnly);
    }

    [Fact]
    public void Compute_UnmanagedLiveFields_AreNotDrift()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Models] = Fixtures.Observed<BucketSpec>(stack, stack.Find(Models)!, live =>
            live with { KmsKeyId = "alias/aws/s3", LifecycleRules = [live.LifecycleRules[0] with { ExpirationDays = 365 }, .. live.LifecycleRules.Skip(1)] });
        var tags = new Dictionary<string, string>(observed[Vpc].Tags) { ["aws:cloudformation:stack-name"] = "x", ["cost"] = "1" };
        observed[Vpc] = observed[Vpc] with { Tags = tags };

        Assert.False(Planner.Compute(stack, observed, NothingRecorded).HasChanges);
    }

    [Fact]
    public void Compute_IgnoredField_IsNotDiffed()
    {
        using var folder = new TempFolder().With("stack.yaml", Documents.Stack).With("n.yaml", """
            kind: Vpc
            metadata:
              name: main
              ignoreFields: [enableDnsHostnames, tags.team]
            spec:
              cidrBlock: 10.0.0.0/16
            """);
        var stack = Model.Loading.DesiredStateLoader.Load(folder.Path).Stack!;
        var observed = Fixtures.InSync(stack);
        observed[Vpc] = Fixtures.Observed<VpcSpec>(stack, stack.Resources[0], live => live with { EnableDnsHostnames = false }) with
        {
            Tags = new Dictionary<string, string>(observed[Vpc].Tags) { ["team"] = "someone-else" },
        };

        Assert.False(Planner.Compute(stack, observed, NothingRecorded).HasChanges);
    }

    [Fact]
    public void Compute_IgnoredFieldInsideListItems_IsSkippedInEveryItem()
    {
        var stack = Fixtures.Dev();
        var app = stack.Find(App)! with { Metadata = stack.Find(App)!.Metadata with { IgnoreFields = ["ingress.description"] } };
        stack = stack with { Resources = [.. stack.Resources.Select(r => r.Key == App ? app : r)] };
        var observed = Fixtures.InSync(stack);
        observed[App] = Fixtures.Observed<SecurityGroupSpec>(stack, app, live =>
            live with { Ingress = [live.Ingress[0] with { Description = "edited in the console" }, .. live.Ingress.Skip(1)] });

        Assert.False(Planner.Compute(stack, observed, NothingRecorded).HasChanges);
    }

    [Fact]
    public void Compute_ImmutableFieldChanged_ReplacesNamingTheField()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[PublicA] = Fixtures.Observed<SubnetSpec>(stack, stack.Find(PublicA)!, live => live with { CidrBlock = "10.10.5.0/24", MapPublicIpOnLaunch = false });

        var change = Single(Planner.Compute(stack, observed, NothingRecorded));

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["cidrBlock", "mapPublicIpOnLaunch"], change.Fields.Select(f => f.Path));
        Assert.True(change.Fields[0].ForcesReplacement);
        Assert.False(change.Fields[1].ForcesReplacement);
    }

    [Fact]
    public void Compute_NestedImmutableField_NamesTheLeafAndReplaces()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Registry] = Fixtures.Observed<TableSpec>(stack, stack.Find(Registry)!, live => live with { PartitionKey = live.PartitionKey with { Name = "id" } });

        var field = Assert.Single(Single(Planner.Compute(stack, observed, NothingRecorded)).Fields);

        Assert.Equal("partitionKey.name", field.Path);
        Assert.True(field.ForcesReplacement);
    }

    [Fact]
    public void Matches_NumbersComparedByValue()
    {
        Assert.True(JsonMatch.Matches(JsonValue.Create(14), JsonNode.Parse("14.0"), "retentionDays", []));
    }

    [Fact]
    public void Compute_ChangedField_IsUpdateWithBeforeAndAfter()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Inference] = Fixtures.Observed<LogGroupSpec>(stack, stack.Find(Inference)!, live => live with { RetentionDays = 30 });

        var change = Single(Planner.Compute(stack, observed, NothingRecorded));

        Assert.Equal(ChangeAction.Update, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(("retentionDays", "30", "14"), (field.Path, field.Before!.ToJsonString(), field.After!.ToJsonString()));
    }

    [Fact]
    public void Compute_OnlyTagsDiffer_IsTagsOnlyUpdate()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        var tags = new Dictionary<string, string>(observed[Vpc].Tags) { ["owner"] = "someone" };
        tags.Remove("environment");
        observed[Vpc] = observed[Vpc] with { Tags = tags };

        var change = Single(Planner.Compute(stack, observed, NothingRecorded));

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.True(change.TagsOnly);
        var field = Assert.Single(change.Fields);
        Assert.Equal("tags", field.Path);
        Assert.Equal("""{"owner":"someone"}""", field.Before!.ToJsonString());
        Assert.Equal("""{"environment":"dev","owner":"platform-team"}""", field.After!.ToJsonString());
    }

    [Fact]
    public void Compute_DifferenceAtAppliedHash_IsDrift()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Inference] = Fixtures.Observed<LogGroupSpec>(stack, stack.Find(Inference)!, live => live with { RetentionDays = 30 });

        Assert.True(Single(Planner.Compute(stack, observed, Fixtures.Applied(stack))).IsDrift);
    }

    [Fact]
    public void Compute_DifferenceAfterDocumentChanged_IsNotDrift()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        observed[Inference] = Fixtures.Observed<LogGroupSpec>(stack, stack.Find(Inference)!, live => live with { RetentionDays = 30 });
        var recorded = Fixtures.Applied(stack);
        recorded[Inference] = recorded[Inference] with { AppliedHash = "an-older-hash" };

        Assert.False(Single(Planner.Compute(stack, observed, recorded)).IsDrift);
    }

    [Fact]
    public void Compute_RecordedButNoLongerDesired_DeletesAfterEverythingElse()
    {
        var stack = Fixtures.Dev();
        var recorded = Fixtures.Applied(stack);
        var oldSubnet = new ResourceKey("Subnet", "old");
        var oldVpc = new ResourceKey("Vpc", "old");
        recorded[oldVpc] = new RecordedResource { Key = oldVpc, AppliedHash = "h" };
        recorded[oldSubnet] = new RecordedResource { Key = oldSubnet, AppliedHash = "h" };

        var plan = Planner.Compute(stack, Fixtures.InSync(stack), recorded);

        Assert.Equal(
            [(oldSubnet, ChangeAction.Delete), (oldVpc, ChangeAction.Delete)],
            plan.Changes.Skip(stack.Resources.Count).Select(c => (c.Key, c.Action)));
    }

    [Fact]
    public void Compute_ObservedByTagOnly_FollowsTheStackPolicy()
    {
        var prod = Fixtures.Prod();
        var stray = new ResourceKey("SecurityGroup", "stray");
        var observed = Fixtures.InSync(prod);
        observed[stray] = new ObservedResource { Key = stray, Exists = true };

        var change = Single(Planner.Compute(prod, observed, NothingRecorded));

        Assert.Equal((stray, ChangeAction.Orphan), (change.Key, change.Action));
    }

    [Theory]
    [InlineData("Subnet", DeletionPolicy.Delete, false, ChangeAction.Delete)]
    [InlineData("Subnet", DeletionPolicy.Orphan, false, ChangeAction.Orphan)]
    [InlineData("Bucket", DeletionPolicy.Delete, false, ChangeAction.Orphan)]
    [InlineData("Table", DeletionPolicy.Orphan, true, ChangeAction.Orphan)]
    [InlineData("Bucket", DeletionPolicy.Delete, true, ChangeAction.Delete)]
    public void Compute_GoneResource_UsesRecordedPolicyAndOrphansStatefulKinds(string kind, DeletionPolicy policy, bool isExplicit, ChangeAction expected)
    {
        var stack = Fixtures.Dev();
        var key = new ResourceKey(kind, "gone");
        var recorded = Fixtures.Applied(stack);
        recorded[key] = new RecordedResource { Key = key, AppliedHash = "h", DeletionPolicy = policy, ExplicitDeletionPolicy = isExplicit };

        Assert.Equal(expected, Single(Planner.Compute(stack, Fixtures.InSync(stack), recorded)).Action);
    }

    [Fact]
    public void Deletion_StatefulWithoutExplicitPolicy_IsOrphan()
    {
        var dev = Fixtures.Dev();
        var prod = Fixtures.Prod();

        Assert.Equal(new EffectiveDeletionPolicy(DeletionPolicy.Orphan, false), ResourcePolicies.Deletion(dev.Stack, dev.Find(Models)!));
        Assert.Equal(new EffectiveDeletionPolicy(DeletionPolicy.Delete, false), ResourcePolicies.Deletion(dev.Stack, dev.Find(Vpc)!));
        Assert.Equal(new EffectiveDeletionPolicy(DeletionPolicy.Orphan, false), ResourcePolicies.Deletion(prod.Stack, prod.Find(Vpc)!));
        Assert.Equal(new EffectiveDeletionPolicy(DeletionPolicy.Orphan, true), ResourcePolicies.Deletion(prod.Stack, prod.Find(Registry)!));
        Assert.Equal(DriftPolicy.Heal, ResourcePolicies.Drift(prod.Stack, prod.Find(Vpc)!));
    }

    private static ResourceChange Single(Plan plan) => Assert.Single(plan.Changes, c => c.Action is not ChangeAction.NoOp);
}
