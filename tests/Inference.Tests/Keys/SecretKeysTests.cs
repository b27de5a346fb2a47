using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Keys;

/// <summary>
/// API keys held as hashes in a Secrets Manager secret (moto over real HTTP): accepted alongside the configured keys,
/// rotated by a re-read, and never let through or leaked when the secret is missing, malformed or gone.
/// </summary>
public sealed class SecretKeysTests(MotoServer moto) : IClassFixture<MotoServer>, IDisposable
{
    private const string InferPath = "/v2/models/penguins/infer";
    private const string KeyA = "team-a-key-3c9e";
    private const string KeyB = "team-b-key-81d0";
    private readonly MotoSecrets _secrets = new(moto);

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public async Task KeyInSecret_IsAccepted_AlongsideConfiguredKey_AndAWrongKeyGets401()
    {
        var secretId = await _secrets.CreateAsync("accept", MotoSecrets.KeyList(("team-a", KeyA)));
        await using var service = await StartAsync(secretId);

        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, KeyA));
        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, TestSettings.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, await InferAsync(service, "not-a-key"));
        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(service.Logs.Entries, e => e.Text.Contains($"API keys loaded from Secrets Manager secret {secretId}", StringComparison.Ordinal)
            && e.Text.Contains("1 keys (team-a), plus 1 from Auth:Keys", StringComparison.Ordinal));
        AssertNothingSecretLogged(service, KeyA);
    }

    [Fact]
    public async Task Rotation_AfterPutSecretValueAndARead_NewKeyWorksAndRemovedKeyGets401()
    {
        var secretId = await _secrets.CreateAsync("rotate", MotoSecrets.KeyList(("team-a", KeyA)));
        await using var service = await StartAsync(secretId);
        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, KeyA));
        Assert.Equal(HttpStatusCode.Unauthorized, await InferAsync(service, KeyB));

        await _secrets.PutAsync(secretId, MotoSecrets.KeyList(("team-b", KeyB)));
        Assert.True(await service.Services.GetRequiredService<ApiKeySecretLoader>().LoadAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, KeyB));
        Assert.Equal(HttpStatusCode.Unauthorized, await InferAsync(service, KeyA));
        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, TestSettings.Key));
        Assert.Contains(service.Logs.Entries, e => e.Text.Contains("added [team-b], removed [team-a], replaced []", StringComparison.Ordinal));
        AssertNothingSecretLogged(service, KeyA, KeyB);
    }

    [Fact]
    public async Task Rotation_IsPickedUpEverySecretRefreshSeconds_WithoutAnyCall()
    {
        var secretId = await _secrets.CreateAsync("refresh", MotoSecrets.KeyList(("team-a", KeyA)));
        await using var service = await StartAsync(secretId, ("Auth:SecretRefreshSeconds", "1"));
        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, KeyA));

        await _secrets.PutAsync(secretId, MotoSecrets.KeyList(("team-a", KeyB)));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await InferAsync(service, KeyB) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, KeyB));
        Assert.Equal(HttpStatusCode.Unauthorized, await InferAsync(service, KeyA));
        Assert.Contains(service.Logs.Entries, e => e.Text.Contains("added [], removed [], replaced [team-a]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingSecret_IsNotReady_AndModelRoutesAnswer503NamingTheSecret()
    {
        var secretId = $"reconciler/missing-{Guid.NewGuid():N}";
        await using var service = await StartAsync(secretId);

        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        var expected = $"API keys could not be loaded from Secrets Manager secret '{secretId}': AWS secretsmanager GetSecretValue failed with ResourceNotFoundException";
        Assert.Contains(expected, await Requests.ErrorAsync(ready), StringComparison.Ordinal);

        // Even the configured key waits: the key set is not known until the secret is read.
        using var infer = await Client(service, TestSettings.Key).PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.StartsWith(expected, await Requests.ErrorAsync(infer), StringComparison.Ordinal);
        using var metadata = await Client(service, TestSettings.Key).GetAsync("/v2/models/penguins");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, metadata.StatusCode);
        Assert.Contains(service.Logs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains(secretId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("team-a:plain-text-key-1f2e", "SecretString is not valid JSON (line 1, byte 2)", "plain-text-key-1f2e")]
    [InlineData("""{"keys":[{"name":"team-a","sha256":"plain-text-key-1f2e"}]}""", "keys[0].sha256: expected 64 hex digits", "plain-text-key-1f2e")]
    [InlineData("""{"keys":[{"name":"team-a","sha256":"__HASH__","key":"plain-text-key-1f2e"}]}""", "keys[0]: field 3 is not one of \"name\", \"sha256\"; remove it", "plain-text-key-1f2e")]
    public async Task MalformedSecret_IsNotReady_WithTheFieldNamed_AndNoneOfItsContentsShown(string secretString, string expected, string leak)
    {
        secretString = secretString.Replace("__HASH__", TestSettings.Hash(KeyA), StringComparison.Ordinal);
        var secretId = await _secrets.CreateAsync("malformed", secretString);
        await using var service = await StartAsync(secretId);

        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        var reason = await Requests.ErrorAsync(ready);
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        Assert.Contains($"API keys could not be loaded from Secrets Manager secret '{secretId}': the secret's value is not a valid key list: {expected}", reason, StringComparison.Ordinal);
        using var infer = await Client(service, TestSettings.Key).PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        var refusal = await Requests.ErrorAsync(infer);

        foreach (var text in new[] { reason, refusal }.Concat(service.Logs.Entries.Select(e => e.Text)))
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secretString, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TestSettings.Hash(KeyA), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadFailingAfterAGoodOne_KeepsTheLastGoodKeys_AndLogsAWarning()
    {
        var secretId = await _secrets.CreateAsync("keep", MotoSecrets.KeyList(("team-a", KeyA)));
        await using var service = await StartAsync(secretId);
        var loader = service.Services.GetRequiredService<ApiKeySecretLoader>();
        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, KeyA));

        // A bad value first, then no secret at all: neither may empty the key set.
        await _secrets.PutAsync(secretId, """{"keys":[]}""");
        Assert.False(await loader.LoadAsync(CancellationToken.None));
        await _secrets.DeleteAsync(secretId);
        Assert.False(await loader.LoadAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, await InferAsync(service, KeyA));
        Assert.Equal(HttpStatusCode.Unauthorized, await InferAsync(service, KeyB));
        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var warnings = service.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Text.Contains($"Re-reading API keys from Secrets Manager secret {secretId} failed; the 1 keys of version", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains("keys: expected at least one entry", warnings[0].Text, StringComparison.Ordinal);
        Assert.Contains("ResourceNotFoundException", warnings[1].Text, StringComparison.Ordinal);
        AssertNothingSecretLogged(service, KeyA);
    }

    private async Task<ServiceFactory> StartAsync(string secretId, params (string Key, string? Value)[] more)
    {
        var service = new ServiceFactory(TestSettings.With(
        [
            ("Auth:SecretId", secretId),
            ("SecretsManager:ServiceUrl", moto.Endpoint),
            ("SecretsManager:Region", "us-east-1"),
            .. more,
        ]));
        await service.SettledAsync();
        return service;
    }

    private static HttpClient Client(ServiceFactory service, string key)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", key);
        return client;
    }

    private static async Task<HttpStatusCode> InferAsync(ServiceFactory service, string key)
    {
        using var response = await Client(service, key).PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        return response.StatusCode;
    }

    private static void AssertNothingSecretLogged(ServiceFactory service, params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.DoesNotContain(service.Logs.Entries, e => e.Text.Contains(key, StringComparison.Ordinal)
                || e.Text.Contains(TestSettings.Hash(key), StringComparison.OrdinalIgnoreCase));
        }
    }
}
