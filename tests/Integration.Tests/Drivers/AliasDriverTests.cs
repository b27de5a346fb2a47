using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class AliasDriverTests(AwsEmulatorFixture emulator)
{
    private const string LatestAlias = """

        ---
        kind: Alias
        metadata:
          name: live
        spec:
          function: inference
          version: latest-published
        """;

    [Fact]
    public async Task Alias_LatestPublished_PointsAtVersion1AndIsInSync()
    {
        var (lambda, harness) = await WithFunctionAsync(LatestAlias);
        using var _ = harness;

        var created = await harness.CreateAsync("Alias", "live");
        var observed = await harness.ObserveAsync("Alias", "live");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal("1", (await GetAliasAsync(lambda, "live"))["FunctionVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Alias_OfAFunctionAdoptedByARepeatedCreate_IsCreatedOnTheAdoptedFunction()
    {
        // A create whose answer was lost is settled by looking again: the function found must be
        // recorded as the created one is, or the alias that references it cannot be made.
        var (lambda, harness) = await WithFunctionAsync(LatestAlias);
        using var _ = harness;
        harness.ForgetIdentity("Function", "inference");

        await harness.CreateAsync("Function", "inference");
        var created = await harness.CreateAsync("Alias", "live");

        harness.AssertInSync(created);
        Assert.Equal("1", (await GetAliasAsync(lambda, "live"))["FunctionVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Alias_FunctionPublishedANewVersion_LatestPublishedDriftsAndUpdateMovesTheAlias()
    {
        var (lambda, harness) = await WithFunctionAsync(LatestAlias);
        using var _ = harness;
        await harness.CreateAsync("Alias", "live");

        await lambda.Aws.RunAsync("lambda", "update-function-configuration", "--function-name", lambda.FunctionName, "--timeout", "45");
        await lambda.Aws.RunAsync("lambda", "publish-version", "--function-name", lambda.FunctionName);
        var observed = await harness.ObserveAsync("Alias", "live");
        var field = Assert.Single(harness.Changes(observed));
        var (updated, _) = await harness.UpdateAsync("Alias", "live");

        Assert.Equal(("version", "\"1\"", "\"latest-published\""), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString()));
        harness.AssertInSync(updated);
        Assert.Equal("2", (await GetAliasAsync(lambda, "live"))["FunctionVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Alias_DeclaredRouting_IsWrittenAsAWeightAndAnOutOfBandWeightIsDrift()
    {
        var (lambda, harness) = await WithFunctionAsync(RoutedAlias("declared"), publishSecondVersion: true);
        using var _ = harness;
        await harness.CreateAsync("Alias", "live");
        var written = await GetAliasAsync(lambda, "live");

        await lambda.Aws.RunAsync("lambda", "update-alias", "--function-name", lambda.FunctionName, "--name", "live", "--routing-config", "AdditionalVersionWeights={2=0.5}");
        var observed = await harness.ObserveAsync("Alias", "live");
        var field = Assert.Single(harness.Changes(observed));
        var (updated, _) = await harness.UpdateAsync("Alias", "live");

        Assert.Equal(0.1, written["RoutingConfig"]!["AdditionalVersionWeights"]!["2"]!.GetValue<double>());
        Assert.Equal(("routing.weight", "50", "10"), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString()));
        harness.AssertInSync(updated);
        Assert.Equal(0.1, (await GetAliasAsync(lambda, "live"))["RoutingConfig"]!["AdditionalVersionWeights"]!["2"]!.GetValue<double>());
    }

    [Fact]
    public async Task Alias_RoutingOwnedByRollout_WeightsAndVersionMovedOutOfBandAreNotDrift()
    {
        var (lambda, harness) = await WithFunctionAsync(RoutedAlias("rollout"), publishSecondVersion: true);
        using var _ = harness;
        await harness.CreateAsync("Alias", "live");

        await lambda.Aws.RunAsync("lambda", "update-alias", "--function-name", lambda.FunctionName, "--name", "live", "--function-version", "2", "--routing-config", "AdditionalVersionWeights={1=0.3}");
        var observed = await harness.ObserveAsync("Alias", "live");

        harness.AssertInSync(observed);
        Assert.Equal(new AliasRoutingSpec { AdditionalVersion = 1, Weight = 30 }, ((AliasSpec)observed.Live!).Routing);
    }

    [Fact]
    public async Task Plan_AliasNameChanged_ReplacesTheAliasNamingTheField()
    {
        var (lambda, harness) = await WithFunctionAsync(LatestAlias);
        using var _ = harness;
        var created = await harness.CreateAsync("Alias", "live");

        lambda.Harness.Load(lambda.Text(lambda.PackageVersion) + LatestAlias.Replace("  version: latest-published", "  aliasName: current\n  version: latest-published", StringComparison.Ordinal));
        var change = Assert.Single(harness.Plan(created).Changes, c => c.Key.Kind == "Alias");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains(change.Fields, f => f.Path == "aliasName" && f.ForcesReplacement);
    }

    [Fact]
    public async Task Alias_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        var (lambda, harness) = await WithFunctionAsync(LatestAlias);
        using var _ = harness;
        var created = await harness.CreateAsync("Alias", "live");

        await harness.DeleteAsync("Alias", "live", created.Identity);
        var observed = await harness.ObserveAsync("Alias", "live", recorded: created.Identity);
        await harness.DeleteAsync("Alias", "live", created.Identity);

        Assert.False(observed.Exists);
        var aliases = (await lambda.Aws.RunAsync("lambda", "list-aliases", "--function-name", lambda.FunctionName))!["Aliases"]!.AsArray();
        Assert.Empty(aliases);
    }

    private static string RoutedAlias(string owner) => $"""

        ---
        kind: Alias
        metadata:
          name: live
        spec:
          function: inference
          version: "1"
          routing:
            additionalVersion: 2
            weight: 10
          routingOwner: {owner}
        """;

    // The function document with the alias documents after it, the function created (and a second version published when asked).
    private async Task<(LambdaDocuments Lambda, DriverHarness Harness)> WithFunctionAsync(string aliases, bool publishSecondVersion = false)
    {
        var (lambda, _) = await LambdaDocuments.SetUpAsync(emulator);
        lambda.Harness.Load(lambda.Text(lambda.PackageVersion) + aliases);
        await lambda.Harness.CreateAsync("Function", "inference");
        if (publishSecondVersion)
        {
            await lambda.Aws.RunAsync("lambda", "update-function-configuration", "--function-name", lambda.FunctionName, "--timeout", "45");
            await lambda.Aws.RunAsync("lambda", "publish-version", "--function-name", lambda.FunctionName);
        }

        return (lambda, lambda.Harness);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> GetAliasAsync(LambdaDocuments lambda, string name) =>
        (await lambda.Aws.RunAsync("lambda", "get-alias", "--function-name", lambda.FunctionName, "--name", name))!;
}
