using Reconciler.Aws;
using Reconciler.Inference.Configuration;
using Generated = Reconciler.Aws.Clients.SecretsManager;

namespace Reconciler.Inference.Secrets;

/// <summary>
/// The service's Secrets Manager access: the generated client of src/Aws (built through the shared
/// <see cref="AwsClientBuilder"/>, signed with credentials from AWSSDK.Core's default chain) behind the service's
/// own narrow interface, whose answer record never prints the secret. Owns its HTTP connection pool; dispose it
/// with the service.
/// </summary>
internal sealed class SecretsManagerClient : ISecretsManagerClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly Generated.ISecretsManagerClient _client;

    private SecretsManagerClient(HttpClient http, Generated.ISecretsManagerClient client, Uri endpoint)
    {
        _http = http;
        _client = client;
        Endpoint = endpoint;
    }

    /// <summary>Where requests go, for messages.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Builds the client from the standard AWS settings, with the "SecretsManager" section's region and endpoint
    /// winning over AWS_REGION and AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL. Throws
    /// <see cref="AwsConfigurationException"/> naming every problem (no region, say).
    /// </summary>
    /// <param name="options">The "SecretsManager" section.</param>
    /// <param name="time">Clock for signing dates, attempt timeouts and backoff.</param>
    /// <param name="onRetry">Told of each failed attempt that will be retried: (attempt, delay, reason).</param>
    public static SecretsManagerClient Create(SecretsManagerClientOptions options, TimeProvider time, Action<int, TimeSpan, string>? onRetry = null)
    {
        var environment = AwsSettings(options);
        var http = new HttpClient(new SocketsHttpHandler
        {
            // Re-resolve DNS now and then: AWS endpoints move.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            // Each attempt is timed out by the sender; the HttpClient must not cut it first.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        try
        {
            var client = AwsClientBuilder.Create(http, environment, time, onRetry).CreateSecretsManager();
            return new SecretsManagerClient(http, client, environment.EndpointFor(AwsService.SecretsManager));
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The AWS settings: the standard ones, with the section's region and endpoint standing in for theirs.</summary>
    internal static AwsEnvironment AwsSettings(SecretsManagerClientOptions options)
    {
        var region = string.IsNullOrWhiteSpace(options.Region) ? null : options.Region.Trim();
        var environment = AwsEnvironment.FromEnvironment(name => name == "AWS_REGION" ? region : null);
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            return environment;
        }

        // Set after reading the environment, so AWS_IGNORE_CONFIGURED_ENDPOINT_URLS cannot undo an explicit setting.
        var endpoints = new Dictionary<string, Uri>(environment.ServiceEndpoints, StringComparer.Ordinal)
        {
            [AwsService.SecretsManager.EnvironmentKey] = new Uri(options.ServiceUrl.Trim(), UriKind.Absolute),
        };
        return environment with { ServiceEndpoints = endpoints };
    }

    public async Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken)
    {
        var answer = await _client.GetSecretValueAsync(
            new Generated.GetSecretValueRequest { SecretId = request.SecretId, VersionStage = request.VersionStage }, cancellationToken);
        return new GetSecretValueResponse
        {
            Arn = answer.ARN,
            Name = answer.Name,
            VersionId = answer.VersionId,
            SecretString = answer.SecretString,
            VersionStages = answer.VersionStages ?? [],
        };
    }

    public void Dispose() => _http.Dispose();
}
