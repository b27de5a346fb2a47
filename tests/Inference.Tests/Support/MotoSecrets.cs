using System.Text.Json.Nodes;
using Amazon.Runtime;
using Reconciler.Aws;
using Reconciler.Aws.Protocol;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// What an operator does to the key secret, as raw Secrets Manager calls against moto over the project's own JSON
/// protocol: the service's client holds GetSecretValue only.
/// </summary>
internal sealed class MotoSecrets : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly AwsJsonProtocol _protocol;

    public MotoSecrets(MotoServer moto)
    {
        var environment = AwsEnvironment.ForEndpoint(new Uri(moto.Endpoint), "us-east-1", new BasicAWSCredentials("testing", "testing"));
        var sender = new AwsRequestSender(_http, environment, AwsCredentialChain.For(environment), TimeProvider.System);
        _protocol = new AwsJsonProtocol(sender, AwsService.SecretsManager, "secretsmanager", "1.1");
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
        await _protocol.InvokeAsync("CreateSecret", new JsonObject { ["Name"] = name, ["SecretString"] = secretString }, CancellationToken.None);
        return name;
    }

    /// <summary>A new AWSCURRENT version, as a rotation writes it.</summary>
    public Task PutAsync(string secretId, string secretString) =>
        _protocol.InvokeAsync("PutSecretValue", new JsonObject { ["SecretId"] = secretId, ["SecretString"] = secretString }, CancellationToken.None);

    public Task DeleteAsync(string secretId) =>
        _protocol.InvokeAsync("DeleteSecret", new JsonObject { ["SecretId"] = secretId, ["ForceDeleteWithoutRecovery"] = true }, CancellationToken.None);

    public void Dispose() => _http.Dispose();
}
