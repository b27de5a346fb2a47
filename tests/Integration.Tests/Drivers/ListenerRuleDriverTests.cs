using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class ListenerRuleDriverTests(AwsEmulatorFixture emulator)
{
    private const string Rule = """
        kind: ListenerRule
        metadata:
          name: canary
        spec:
          listener: https
          priority: 10
          conditions:
            - field: http-header
              httpHeaderName: X-Canary
              values: ["1"]
            - field: path-pattern
              values: [/predict/*]
          action:
            forward:
              targetGroups:
                - targetGroup: green
                  weight: 1
        """;

    private static readonly string Documents = TrafficDocuments.Join(
        TrafficDocuments.Network, TrafficDocuments.LoadBalancer, TrafficDocuments.TargetGroups, TrafficDocuments.Certificate, TrafficDocuments.Listeners, Rule);

    private static readonly (string, string)[] Prerequisites = [.. TrafficDocuments.UpToListeners, ("Listener", "http"), ("Listener", "https")];

    [Fact]
    public async Task ListenerRule_Created_ObserveMatchesTheDocument()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Prerequisites);

        var created = await harness.CreateAsync("ListenerRule", "canary");
        var observed = await harness.ObserveAsync("ListenerRule", "canary");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var live = (ListenerRuleSpec)observed.Live!;
        Assert.Equal(("https", 10, "green"), (live.Listener, live.Priority, live.Action.Forward!.TargetGroups.Single().TargetGroup));
        Assert.Contains(":listener-rule/", observed.Identity["id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListenerRule_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Prerequisites);

        var first = await harness.CreateAsync("ListenerRule", "canary");
        var second = await harness.CreateAsync("ListenerRule", "canary");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
    }

    [Fact]
    public async Task ListenerRule_ConditionsChangedOutOfBand_PlannerShowsTheDrift()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Prerequisites);
        var arn = (await harness.CreateAsync("ListenerRule", "canary")).Identity["id"];

        await new AwsCli(emulator.Endpoint).RunAsync("elbv2", "modify-rule", "--rule-arn", arn, "--conditions", """[{"Field":"path-pattern","PathPatternConfig":{"Values":["/other/*"]}}]""");
        var observed = await harness.ObserveAsync("ListenerRule", "canary");

        Assert.Equal(["conditions"], harness.Changes(observed).Select(f => f.Path));
    }

    [Fact]
    public async Task ListenerRule_PriorityAndActionChangedInDocument_UpdateAppliesThemInPlace()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Prerequisites);
        var created = await harness.CreateAsync("ListenerRule", "canary");

        harness.Load(Documents
            .Replace("priority: 10", "priority: 20", StringComparison.Ordinal)
            .Replace("        - targetGroup: green\n          weight: 1", "        - targetGroup: green\n          weight: 1\n        - targetGroup: blue\n          weight: 1", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("ListenerRule", "canary");

        Assert.Equal(["action.forward.targetGroups", "priority"], fields.Select(f => f.Path).Order());
        Assert.Equal(created.Identity["id"], updated.Identity["id"]);
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task ListenerRule_ListenerChanged_PlansAReplaceNamingIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Prerequisites);
        await harness.CreateAsync("ListenerRule", "canary");

        // Moved to the plain HTTP listener, the rule must answer itself: forwarding there is refused for an internet-facing load balancer.
        harness.Load(Documents
            .Replace("listener: https", "listener: http", StringComparison.Ordinal)
            .Replace("  action:\n    forward:\n      targetGroups:\n        - targetGroup: green\n          weight: 1", "  action:\n    fixedResponse:\n      statusCode: \"404\"", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("ListenerRule", "canary")).Changes.Single(c => c.Key.Kind == "ListenerRule");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains("listener", change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public async Task ListenerRule_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Prerequisites);
        var created = await harness.CreateAsync("ListenerRule", "canary");

        await harness.DeleteAsync("ListenerRule", "canary", created.Identity);
        var observed = await harness.ObserveAsync("ListenerRule", "canary", recorded: created.Identity);
        await harness.DeleteAsync("ListenerRule", "canary", created.Identity);

        Assert.False(observed.Exists);
    }
}
