using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class UsagePlanDriverTests(AwsEmulatorFixture emulator)
{
    private const string Plan = """

        ---
        kind: ApiKey
        metadata:
          name: partner
        spec:
          description: the partner's key
        ---
        kind: ApiKey
        metadata:
          name: mobile
        spec:
          description: the mobile app's key
        ---
        kind: UsagePlan
        metadata:
          name: standard
        spec:
          description: per-key limits
          throttle: {rateLimit: 10, burstLimit: 20}
          quota: {limit: 100000, period: MONTH}
          apiStages:
            - restApi: inference
              stage: v1
          keys: [partner]
        """;

    [Fact]
    public async Task UsagePlan_Created_CoversTheStageWithItsLimitsAndHoldsTheKey()
    {
        var api = await SetUpAsync();
        using var _ = api.Harness;

        var created = await api.Harness.CreateAsync("UsagePlan", "standard");
        var observed = await api.Harness.ObserveAsync("UsagePlan", "standard");

        api.Harness.AssertInSync(created);
        api.Harness.AssertInSync(observed);
        var plan = await PlanAsync(api, created.Identity["id"]);
        Assert.Equal((10d, 20), (plan["throttle"]!["rateLimit"]!.GetValue<double>(), plan["throttle"]!["burstLimit"]!.GetValue<int>()));
        Assert.Equal((100000, "MONTH"), (plan["quota"]!["limit"]!.GetValue<int>(), plan["quota"]!["period"]!.GetValue<string>()));
        var stage = Assert.Single(plan["apiStages"]!.AsArray())!;
        Assert.Equal((api.Harness.Context.Identities.TryIdOf(new("RestApi", "inference")), "v1"), (stage["apiId"]!.GetValue<string>(), stage["stage"]!.GetValue<string>()));
        Assert.Equal([api.Harness.Context.Identities.TryIdOf(new("ApiKey", "partner"))], await KeyIdsAsync(api, created.Identity["id"]));
    }

    [Fact]
    public async Task UsagePlan_KeyRemovedOutOfBand_IsDriftAndUpdatePutsItBack()
    {
        var api = await SetUpAsync();
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("UsagePlan", "standard")).Identity["id"];
        var partner = api.Harness.Context.Identities.TryIdOf(new("ApiKey", "partner"))!;

        await api.Aws.RunAsync("apigateway", "delete-usage-plan-key", "--usage-plan-id", id, "--key-id", partner);
        var field = Assert.Single(api.Harness.Changes(await api.Harness.ObserveAsync("UsagePlan", "standard")));
        var (updated, _) = await api.Harness.UpdateAsync("UsagePlan", "standard");

        Assert.Equal("keys", field.Path);
        api.Harness.AssertInSync(updated);
        Assert.Equal([partner], await KeyIdsAsync(api, id));
    }

    [Fact]
    public async Task UsagePlan_KeysAndThrottleChangedInDocument_UpdateSwapsTheKeysInPlace()
    {
        var api = await SetUpAsync();
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("UsagePlan", "standard")).Identity["id"];

        api.Load(ApiDocuments.RestApi + Plan.Replace("keys: [partner]", "keys: [mobile]", StringComparison.Ordinal).Replace("rateLimit: 10, burstLimit: 20", "rateLimit: 15, burstLimit: 30", StringComparison.Ordinal));
        await api.Harness.CreateAsync("ApiKey", "mobile");
        var (updated, fields) = await api.Harness.UpdateAsync("UsagePlan", "standard");

        Assert.Equal(["keys", "throttle.burstLimit", "throttle.rateLimit"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(id, updated.Identity["id"]);
        api.Harness.AssertInSync(updated);
        Assert.Equal([api.Harness.Context.Identities.TryIdOf(new("ApiKey", "mobile"))], await KeyIdsAsync(api, id));
    }

    [Fact]
    public async Task UsagePlan_QuotaRemovedFromDocument_IsUnmanagedAndTheLiveQuotaStays()
    {
        var api = await SetUpAsync();
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("UsagePlan", "standard")).Identity["id"];

        api.Load(ApiDocuments.RestApi + Plan.Replace("  quota: {limit: 100000, period: MONTH}\n", "", StringComparison.Ordinal));
        var changes = api.Harness.Changes(await api.Harness.ObserveAsync("UsagePlan", "standard"));

        Assert.Empty(changes);
        Assert.Equal(100000, (await PlanAsync(api, id))["quota"]!["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task UsagePlan_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        var api = await SetUpAsync();
        using var _ = api.Harness;
        var created = await api.Harness.CreateAsync("UsagePlan", "standard");

        await api.Harness.DeleteAsync("UsagePlan", "standard", created.Identity);
        var observed = await api.Harness.ObserveAsync("UsagePlan", "standard", recorded: created.Identity);
        await api.Harness.DeleteAsync("UsagePlan", "standard", created.Identity);

        Assert.False(observed.Exists);
    }

    private async Task<ApiDocuments> SetUpAsync()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi + Plan);
        await api.Harness.CreateAllAsync(("RestApi", "inference"), ("ApiKey", "partner"));
        return api;
    }

    private static async Task<JsonNode> PlanAsync(ApiDocuments api, string id) =>
        (await api.Aws.RunAsync("apigateway", "get-usage-plan", "--usage-plan-id", id))!;

    private static async Task<List<string?>> KeyIdsAsync(ApiDocuments api, string id) =>
        [.. (await api.Aws.RunAsync("apigateway", "get-usage-plan-keys", "--usage-plan-id", id))!["items"]!.AsArray().Select(k => k!["id"]!.GetValue<string>())];
}
