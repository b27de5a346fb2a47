using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class LoadBalancerDriverTests(AwsEmulatorFixture emulator)
{
    private static readonly string Documents = TrafficDocuments.Join(TrafficDocuments.Network, TrafficDocuments.LoadBalancer);

    [Fact]
    public async Task LoadBalancer_Created_ObserveMatchesDesiredWithAttributesAndOutputs()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToLoadBalancer[..^1]);

        var created = await harness.CreateAsync("LoadBalancer", "web");
        var observed = await harness.ObserveAsync("LoadBalancer", "web");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var live = (LoadBalancerSpec)observed.Live!;
        Assert.Equal(("internet-facing", true, true, "logs", "alb"), (live.Scheme, live.DeletionProtection, live.DropInvalidHeaderFields, live.AccessLogs!.Bucket, live.AccessLogs.Prefix));
        Assert.Equal(["public-a", "public-b"], live.Subnets.Order());
        Assert.Equal($"{harness.StackName}-web", observed.Outputs["loadBalancerName"]);
        Assert.NotEmpty(observed.Outputs["dnsName"]);
        var attributes = await new AwsCli(emulator.Endpoint).RunAsync("elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", observed.Identity["id"]);
        Assert.Contains(attributes!["Attributes"]!.AsArray(), a => a!["Key"]!.GetValue<string>() == "access_logs.s3.bucket" && a["Value"]!.GetValue<string>() == $"{harness.StackName}-logs");
    }

    [Fact]
    public async Task LoadBalancer_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToLoadBalancer[..^1]);

        var first = await harness.CreateAsync("LoadBalancer", "web");
        var second = await harness.CreateAsync("LoadBalancer", "web");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
    }

    [Fact]
    public async Task LoadBalancer_AttributesChangedOutOfBand_PlannerShowsTheDrift()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToLoadBalancer);
        var arn = harness.Context.Identities.IdOf("LoadBalancer", "web");

        await new AwsCli(emulator.Endpoint).RunAsync(
            "elbv2", "modify-load-balancer-attributes", "--load-balancer-arn", arn,
            "--attributes", "Key=idle_timeout.timeout_seconds,Value=300", "Key=routing.http.drop_invalid_header_fields.enabled,Value=false");
        var observed = await harness.ObserveAsync("LoadBalancer", "web");

        Assert.Equal(["dropInvalidHeaderFields", "idleTimeoutSeconds"], harness.Changes(observed).Select(f => f.Path).Order());
    }

    [Fact]
    public async Task LoadBalancer_SettingsChangedInDocument_UpdateAppliesThemInPlace()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToLoadBalancer);

        harness.Load(Documents
            .Replace("idleTimeoutSeconds: 60", "idleTimeoutSeconds: 120", StringComparison.Ordinal)
            .Replace("deletionProtection: true", "deletionProtection: false", StringComparison.Ordinal)
            .Replace("subnets: [public-a, public-b]", "subnets: [public-b, public-a]", StringComparison.Ordinal)
            .Replace("prefix: alb", "prefix: web", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("LoadBalancer", "web");

        Assert.Equal(["accessLogs.prefix", "deletionProtection", "idleTimeoutSeconds"], fields.Select(f => f.Path).Order());
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task LoadBalancer_SchemeChanged_PlansAReplaceNamingTheScheme()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToLoadBalancer);

        harness.Load(Documents.Replace("scheme: internet-facing", "scheme: internal", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("LoadBalancer", "web")).Changes.Single(c => c.Key.Kind == "LoadBalancer");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["scheme"], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public void LoadBalancer_DocumentRemovedWithoutExplicitDelete_IsOrphanedNotDeleted()
    {
        var key = new ResourceKey("LoadBalancer", "web");
        var stack = new StackSpec { Name = "s", Region = "us-east-1", AccountId = "123456789012", Policies = new StackPolicies { Deletion = DeletionPolicy.Delete } };

        var byStackPolicy = Planner.GoneAction(stack, key, new RecordedResource { Key = key, Identity = new Dictionary<string, string>(), DeletionPolicy = DeletionPolicy.Delete });
        var explicitDelete = Planner.GoneAction(stack, key, new RecordedResource { Key = key, Identity = new Dictionary<string, string>(), DeletionPolicy = DeletionPolicy.Delete, ExplicitDeletionPolicy = true });

        Assert.Equal((ChangeAction.Orphan, ChangeAction.Delete), (byStackPolicy, explicitDelete));
    }

    [Fact]
    public async Task LoadBalancer_DeletedWithProtectionOn_IsSwitchedOffAndGoneAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToLoadBalancer[..^1]);
        var created = await harness.CreateAsync("LoadBalancer", "web");
        Assert.True(((LoadBalancerSpec)created.Live!).DeletionProtection);

        await harness.DeleteAsync("LoadBalancer", "web", created.Identity);
        var observed = await harness.ObserveAsync("LoadBalancer", "web", recorded: created.Identity);
        await harness.DeleteAsync("LoadBalancer", "web", created.Identity);

        Assert.False(observed.Exists);
    }
}
