using System.Text.Json;
using Reconciler.Controller.Drivers.ApiGateway;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class ApiKeyDriverTests(AwsEmulatorFixture emulator)
{
    private const string Generated = """
        kind: ApiKey
        metadata:
          name: partner
          tags:
            client: partner
        spec:
          description: the partner's key
        """;

    private const string FromSecret = """
        kind: ApiKey
        metadata:
          name: partner
        spec:
          description: the partner's key
          valueFrom:
            secret: SECRET
        """;

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task ApiKey_Created_IsEnabledWithAGeneratedValueThatNoObservationHolds()
    {
        using var harness = new DriverHarness(emulator, Generated);

        var created = await harness.CreateAsync("ApiKey", "partner");
        var observed = await harness.ObserveAsync("ApiKey", "partner");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var key = (await _aws.RunAsync("apigateway", "get-api-key", "--api-key", created.Identity["id"], "--include-value"))!;
        Assert.True(key["enabled"]!.GetValue<bool>());
        Assert.Equal($"{harness.StackName}-partner", key["name"]!.GetValue<string>());
        AssertNowhere(key["value"]!.GetValue<string>(), created, observed);
    }

    [Fact]
    public async Task ApiKey_ValueFromSecret_IsTheSecretsValueAndTheSecretIsReportedByNameOnly()
    {
        var secret = $"api-key-{Guid.NewGuid():N}";
        const string Value = "Pq7rS9tUv2wXy4zAb6cDe8fGh0iJk";
        await _aws.RunAsync("secretsmanager", "create-secret", "--name", secret, "--secret-string", JsonSerializer.Serialize(new { apiKey = Value }));
        using var harness = new DriverHarness(emulator, FromSecret.Replace("SECRET", secret, StringComparison.Ordinal));

        var created = await harness.CreateAsync("ApiKey", "partner");
        var observed = await harness.ObserveAsync("ApiKey", "partner");

        harness.AssertInSync(observed);
        Assert.Equal(secret, ((ApiKeySpec)observed.Live!).ValueFrom?.Secret);
        var key = (await _aws.RunAsync("apigateway", "get-api-key", "--api-key", created.Identity["id"], "--include-value"))!;
        Assert.Equal(Value, key["value"]!.GetValue<string>());
        AssertNowhere(Value, created, observed);
    }

    [Fact]
    public async Task ApiKey_SecretChangedInDocument_PlansAReplacementNamingValueFrom()
    {
        var secret = $"api-key-{Guid.NewGuid():N}";
        await _aws.RunAsync("secretsmanager", "create-secret", "--name", secret, "--secret-string", "Lm3nOp5qRs7tUv9wXy1zAb3cDe5fG");
        using var harness = new DriverHarness(emulator, FromSecret.Replace("SECRET", secret, StringComparison.Ordinal));
        await harness.CreateAsync("ApiKey", "partner");

        harness.Load(FromSecret.Replace("SECRET", secret + "-rotated", StringComparison.Ordinal));
        var change = Assert.Single(harness.Plan(await harness.ObserveAsync("ApiKey", "partner")).Changes);

        Assert.Equal(ChangeAction.Replace, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(("valueFrom.secret", true), (field.Path, field.ForcesReplacement));
    }

    [Fact]
    public async Task ApiKey_DisabledOutOfBand_IsDriftAndUpdateEnablesItAgain()
    {
        using var harness = new DriverHarness(emulator, Generated);
        var created = await harness.CreateAsync("ApiKey", "partner");

        await _aws.RunAsync("apigateway", "update-api-key", "--api-key", created.Identity["id"], "--patch-operations", "op=replace,path=/enabled,value=false");
        var field = Assert.Single(harness.Changes(await harness.ObserveAsync("ApiKey", "partner")));
        var (updated, _) = await harness.UpdateAsync("ApiKey", "partner");

        Assert.Equal(("enabled", "false", "true"), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString()));
        harness.AssertInSync(updated);
        Assert.True((await _aws.RunAsync("apigateway", "get-api-key", "--api-key", created.Identity["id"]))!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ApiKey_DescriptionChangedInDocument_UpdateKeepsTheKey()
    {
        using var harness = new DriverHarness(emulator, Generated);
        var created = await harness.CreateAsync("ApiKey", "partner");

        harness.Load(Generated.Replace("the partner's key", "the partner's production key", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("ApiKey", "partner");

        Assert.Equal(["description"], fields.Select(f => f.Path));
        Assert.Equal(created.Identity["id"], updated.Identity["id"]);
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task ApiKey_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Generated);
        var created = await harness.CreateAsync("ApiKey", "partner");

        await harness.DeleteAsync("ApiKey", "partner", created.Identity);
        var observed = await harness.ObserveAsync("ApiKey", "partner", recorded: created.Identity);
        await harness.DeleteAsync("ApiKey", "partner", created.Identity);

        Assert.False(observed.Exists);
    }

    // The value is in no live spec, tag, identity or output of the observations.
    private static void AssertNowhere(string value, params Reconciler.Model.Planning.ObservedResource[] observations)
    {
        foreach (var observed in observations)
        {
            var text = JsonSerializer.Serialize(new { live = observed.Live as ApiKeySpec, observed.Tags, observed.Identity, observed.Outputs });
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        Assert.NotEqual(ApiKeyDriver.SourceTag, value);
    }
}
