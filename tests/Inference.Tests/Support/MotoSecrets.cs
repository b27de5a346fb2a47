using System.Text.Json.Nodes;
using Amazon.Runtime;
using Reconciler.Aws;
using Reconciler.Aws.Clients.SecretsManager;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// What an operator does to the key secret, as Secrets Manager calls against moto through the generated client
/// (the service's own adapter exposes GetSecretValue only).
/// </summary>
internal sealed class MotoSecrets : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ISecretsManagerClient _secrets;

    public MotoSecrets(MotoServer moto)
    {
        var environment = AwsEnvironment.ForEndpoint(new Uri(moto.Endpoint), "us-east-1", new BasicAWSCredentials("testing", "testing"));
        _secrets = AwsClientBuilder.Create(_http, environment, TimeProvider.System).CreateSecretsManager();
    }

    /// <summary>The secret string listing <paramref name="keys"/> by name and SHA-256, as the service expects it.</summary>
    public static string KeyList(params (string Name, string Key)[] keys) =>
        new JsonObject
        {
            ["keys"] = new JsonArray(keys.Select(k => (JsonNode)new JsonObject { ["name"] = k.Name, ["sha256"] = TestSettings.Hash(k.Key) }).ToArray()),
        }.ToJsonString();

    /// <summary>Creates a secret with a unique name starting with <paramref name="prefix"/> and returns the name.</summary>
    public async Task<string> CreateAsync(string prefix, string secretString)
    {
        var name = $"reconciler/{prefix}-{Guid.NewGuid():N}";
        await _secrets.CreateSecretAsync(new CreateSecretRequest { Name = name, SecretString = secretString });
        return name;
    }

    /// <summary>A new AWSCURRENT version, as a rotation writes it.</summary>
    public Task PutAsync(string secretId, string secretString) =>
        _secrets.PutSecretValueAsync(new PutSecretValueRequest { SecretId = secretId, SecretString = secretString });

    public Task DeleteAsync(string secretId) =>
        _secrets.DeleteSecretAsync(new DeleteSecretRequest { SecretId = secretId, ForceDeleteWithoutRecovery = true });

    public void Dispose() => _http.Dispose();
}
