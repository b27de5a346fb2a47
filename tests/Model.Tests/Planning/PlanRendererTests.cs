using System.Text.Json.Nodes;
using Reconciler.Model.Planning;
using Reconciler.Model.Pricing;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Planning;

/// <summary>Golden files of the exact plan text (tests/Model.Tests/Golden); UPDATE_GOLDEN=1 rewrites them.</summary>
public sealed class PlanRendererTests
{
    [Fact]
    public void Render_NewStack_ListsEveryFieldOfEveryCreate()
    {
        var stack = Fixtures.Dev();
        var plan = Planner.Compute(stack, new Dictionary<ResourceKey, ObservedResource>(), new Dictionary<ResourceKey, RecordedResource>());

        Golden.Assert("dev-create.txt", PlanRenderer.Render(plan, CostEstimator.Delta(plan)));
    }

    [Fact]
    public void Render_MixedPlan_ShowsEveryActionTerraformStyle()
    {
        var plan = MixedPlan();

        Golden.Assert("mixed.txt", PlanRenderer.Render(plan, CostEstimator.Delta(plan)));
    }

    [Fact]
    public void Render_InSync_SaysNoChanges()
    {
        var stack = Fixtures.Dev();
        var plan = Planner.Compute(stack, Fixtures.InSync(stack), Fixtures.Applied(stack));

        Golden.Assert("no-changes.txt", PlanRenderer.Render(plan, CostEstimator.Delta(plan)));
    }

    [Fact]
    public void Render_WithoutCost_EndsWithTheSummary()
    {
        var text = PlanRenderer.Render(MixedPlan());

        Assert.EndsWith("Plan: 1 to add, 3 to change, 1 to replace, 1 to destroy, 1 to orphan.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_CountsEachAction()
    {
        Assert.Equal("Plan: 1 to add, 3 to change, 1 to replace, 1 to destroy, 1 to orphan.", PlanRenderer.Summary(MixedPlan()));
    }

    [Fact]
    public void WriteJson_MixedPlan_HasTheDocumentedShape()
    {
        var plan = MixedPlan();

        Golden.Assert("mixed.json", PlanJsonWriter.Write(plan, CostEstimator.Delta(plan)).ReplaceLineEndings("\n") + "\n");
    }

    [Fact]
    public void WriteJson_ReplaceField_CarriesBeforeAfterAndForcesReplacement()
    {
        var json = PlanJsonWriter.ToJson(MixedPlan());

        var replace = json["changes"]!.AsArray().Single(c => (string?)c!["action"] == "replace")!;
        Assert.Equal("Subnet/public-a", (string?)replace["resource"]);
        var field = replace["fields"]![0]!;
        Assert.Equal(("cidrBlock", "10.10.7.0/24", "10.10.0.0/24", true), ((string?)field["path"], (string?)field["before"], (string?)field["after"], (bool)field["forcesReplacement"]!));
        Assert.Equal(64, (int)json["summary"]!["noop"]!);
        Assert.Null(json["cost"]);
    }

    /// <summary>
    /// Dev, where: the app group gained an SSH rule in the console (drift); public-a was recreated
    /// with another range (replace); the VPC lost a tag; the API access log group is missing; an old
    /// subnet and an old bucket are still recorded; and the inference logs' retention changed in git.
    /// </summary>
    internal static Plan MixedPlan()
    {
        var stack = Fixtures.Dev();
        var observed = Fixtures.InSync(stack);
        var recorded = Fixtures.Applied(stack);
        var app = new ResourceKey("SecurityGroup", "app");
        observed[app] = Fixtures.Observed<SecurityGroupSpec>(stack, stack.Find(app)!, live =>
            live with { Ingress = [.. live.Ingress, new SecurityGroupRuleSpec { FromPort = 22, ToPort = 22, CidrBlocks = ["0.0.0.0/0"] }] });
        var publicA = new ResourceKey("Subnet", "public-a");
        observed[publicA] = Fixtures.Observed<SubnetSpec>(stack, stack.Find(publicA)!, live => live with { CidrBlock = "10.10.7.0/24" });
        recorded[publicA] = recorded[publicA] with { AppliedHash = "older" };
        var vpc = new ResourceKey("Vpc", "main");
        var tags = new Dictionary<string, string>(observed[vpc].Tags);
        tags.Remove("owner");
        observed[vpc] = observed[vpc] with { Tags = tags };
        observed.Remove(new ResourceKey("LogGroup", "api-access"));
        recorded.Remove(new ResourceKey("LogGroup", "api-access"));
        var inference = new ResourceKey("LogGroup", "inference");
        observed[inference] = Fixtures.Observed<LogGroupSpec>(stack, stack.Find(inference)!, live => live with { RetentionDays = 30 });
        recorded[inference] = recorded[inference] with { AppliedHash = "older" };
        var oldSubnet = new ResourceKey("Subnet", "old");
        recorded[oldSubnet] = new RecordedResource { Key = oldSubnet, AppliedHash = "h" };
        var oldBucket = new ResourceKey("Bucket", "old-models");
        recorded[oldBucket] = new RecordedResource { Key = oldBucket, AppliedHash = "h", DeletionPolicy = DeletionPolicy.Orphan };
        observed[oldBucket] = new ObservedResource
        {
            Key = oldBucket,
            Exists = true,
            Live = new BucketSpec { BucketName = "ml-platform-dev-old-models", Versioning = true },
        };

        return Planner.Compute(stack, observed, recorded);
    }
}
