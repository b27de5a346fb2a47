using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class ListenerDriverTests(AwsEmulatorFixture emulator)
{
    private static readonly string Documents = TrafficDocuments.Join(
        TrafficDocuments.Network, TrafficDocuments.LoadBalancer, TrafficDocuments.TargetGroups, TrafficDocuments.Certificate, TrafficDocuments.Listeners);

    private static readonly string DeclaredWeights = Documents.Replace("weights: rollout", "weights: declared", StringComparison.Ordinal);

    [Fact]
    public async Task Listener_Created_RedirectAndWeightedForwardMatchTheDocuments()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToListeners);

        var http = await harness.CreateAsync("Listener", "http");
        var https = await harness.CreateAsync("Listener", "https");
        var observed = await harness.ObserveAllAsync("Listener");

        harness.AssertInSync(http);
        harness.AssertInSync(https);
        Assert.All(observed, harness.AssertInSync);
        var live = (ListenerSpec)https.Live!;
        Assert.Equal(("web", ListenerSpec.DefaultSslPolicy), (live.Certificate, live.SslPolicy));
        Assert.Equal([("blue", 100), ("green", 0)], live.DefaultAction.Forward!.TargetGroups.Select(g => (g.TargetGroup, g.Weight)).Order());
        Assert.Equal(("HTTPS", "443", "HTTP_301"), (((ListenerSpec)http.Live!).DefaultAction.Redirect!.Protocol, ((ListenerSpec)http.Live!).DefaultAction.Redirect!.Port, ((ListenerSpec)http.Live!).DefaultAction.Redirect!.StatusCode));
    }

    [Fact]
    public async Task Listener_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToListeners);

        var first = await harness.CreateAsync("Listener", "https");
        var second = await harness.CreateAsync("Listener", "https");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
    }

    [Fact]
    public async Task Listener_RolloutWeightsChangedOutOfBand_AreNotDrift()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToListeners);
        await harness.CreateAsync("Listener", "https");

        await ShiftWeightsOutOfBandAsync(harness, emulator, blue: 30, green: 70);
        var observed = await harness.ObserveAsync("Listener", "https");

        Assert.Equal([("blue", 30), ("green", 70)], ((ListenerSpec)observed.Live!).DefaultAction.Forward!.TargetGroups.Select(g => (g.TargetGroup, g.Weight)).Order());
        harness.AssertInSync(observed);
        Assert.Equal(ChangeAction.NoOp, harness.Plan(observed).Changes.Single(c => c.Key == observed.Key).Action);
    }

    [Fact]
    public async Task Listener_DeclaredWeightsChangedOutOfBand_AreDriftAndUpdateRestoresThem()
    {
        using var harness = new DriverHarness(emulator, DeclaredWeights);
        await harness.CreateAllAsync(TrafficDocuments.UpToListeners);
        await harness.CreateAsync("Listener", "https");

        await ShiftWeightsOutOfBandAsync(harness, emulator, blue: 30, green: 70);
        var (updated, fields) = await harness.UpdateAsync("Listener", "https");

        Assert.Equal(["defaultAction.forward.targetGroups"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Equal([("blue", 100), ("green", 0)], ((ListenerSpec)updated.Live!).DefaultAction.Forward!.TargetGroups.Select(g => (g.TargetGroup, g.Weight)).Order());
    }

    [Fact]
    public async Task Listener_PolicyAndStickinessChanged_UpdateKeepsTheRolloutsWeights()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToListeners);
        await harness.CreateAsync("Listener", "https");
        await ShiftWeightsOutOfBandAsync(harness, emulator, blue: 40, green: 60);

        harness.Load(Documents
            .Replace("  certificate: web\n", "  certificate: web\n  sslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-2021-06\n", StringComparison.Ordinal)
            .Replace("      weights: rollout", "      weights: rollout\n      stickinessSeconds: 3600", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Listener", "https");

        Assert.Equal(["defaultAction.forward.stickinessSeconds", "sslPolicy"], fields.Select(f => f.Path).Order());
        harness.AssertInSync(updated);
        Assert.Equal([("blue", 40), ("green", 60)], ((ListenerSpec)updated.Live!).DefaultAction.Forward!.TargetGroups.Select(g => (g.TargetGroup, g.Weight)).Order());
    }

    [Fact]
    public async Task Listener_LoadBalancerChanged_PlansAReplaceNamingIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToListeners);
        await harness.CreateAsync("Listener", "http");

        harness.Load(TrafficDocuments.Join(Documents, TrafficDocuments.LoadBalancer.Replace("name: web", "name: other", StringComparison.Ordinal))
            .Replace("loadBalancer: web\n  port: 80", "loadBalancer: other\n  port: 80", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("Listener", "http")).Changes.Single(c => c.Key.Kind == "Listener" && c.Key.Name == "http");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["loadBalancer"], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public async Task Listener_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(TrafficDocuments.UpToListeners);
        var created = await harness.CreateAsync("Listener", "http");

        await harness.DeleteAsync("Listener", "http", created.Identity);
        var observed = await harness.ObserveAsync("Listener", "http", recorded: created.Identity);
        await harness.DeleteAsync("Listener", "http", created.Identity);

        Assert.False(observed.Exists);
    }

    // What a rollout controller does: moves the weights with ModifyListener, behind the reconciler.
    private static async Task ShiftWeightsOutOfBandAsync(DriverHarness harness, AwsEmulatorFixture emulator, int blue, int green)
    {
        var (ids, aws) = (harness.Context.Identities, new AwsCli(emulator.Endpoint));
        var forward = new JsonArray(new JsonObject
        {
            ["Type"] = "forward",
            ["ForwardConfig"] = new JsonObject
            {
                ["TargetGroups"] = new JsonArray(
                    new JsonObject { ["TargetGroupArn"] = ids.IdOf("TargetGroup", "blue"), ["Weight"] = blue },
                    new JsonObject { ["TargetGroupArn"] = ids.IdOf("TargetGroup", "green"), ["Weight"] = green }),
            },
        }).ToJsonString();
        await aws.RunAsync("elbv2", "modify-listener", "--listener-arn", ids.IdOf("Listener", "https"), "--default-actions", forward);
    }
}
