using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Secrets;

namespace Reconciler.Inference.Keys;

/// <summary>
/// Reads the key list from the Secrets Manager secret named in "Auth:SecretId" in the background (so liveness
/// answers at once), then again every "Auth:SecretRefreshSeconds" so a rotation takes effect. Each read is bounded
/// by "Auth:SecretLoadTimeoutSeconds", retries included. A good read replaces the key set; a failed first read
/// leaves the service not ready with the reason (and later reads keep trying); a failed later read keeps the last
/// good set and logs a warning.
/// </summary>
internal sealed class ApiKeySecretLoader(
    ApiKeyStore store,
    IOptions<AuthOptions> auth,
    IOptions<SecretsManagerClientOptions> clientOptions,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ApiKeySecretLoader> logger) : BackgroundService
{
    private readonly SemaphoreSlim _oneReadAtATime = new(1, 1);
    private ISecretsManagerClient? _client;
    private SecretsManagerClient? _ownClient;
    private volatile string? _lastRetryReason;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.SecretId is null)
        {
            return;
        }

        try
        {
            await LoadAsync(stoppingToken);
        }
        finally
        {
            store.MarkSettled();
        }

        if (auth.Value.SecretRefreshSeconds == 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(auth.Value.SecretRefreshSeconds);
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, stoppingToken);
                await LoadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service is stopping.
        }
    }

    /// <summary>Reads the secret once and publishes its keys, or records why it could not. Returns whether the read succeeded.</summary>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var secretId = store.SecretId ?? throw new InvalidOperationException("Auth:SecretId is not set; there is no secret to read.");
        await _oneReadAtATime.WaitAsync(cancellationToken);
        try
        {
            var reason = await TryLoadAsync(secretId, cancellationToken);
            if (reason is null)
            {
                return true;
            }

            if (store.RecordFailure(reason))
            {
                KeyLog.RefreshFailed(logger, secretId, store.FromSecret.Count, store.SecretVersionId, reason);
            }
            else
            {
                KeyLog.LoadFailed(logger, secretId, reason);
            }

            return false;
        }
        finally
        {
            _oneReadAtATime.Release();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _ownClient?.Dispose();
        _oneReadAtATime.Dispose();
    }

    // Null on success, else why the read failed: a message that never holds the secret's value.
    private async Task<string?> TryLoadAsync(string secretId, CancellationToken cancellationToken)
    {
        var bound = TimeSpan.FromSeconds(auth.Value.SecretLoadTimeoutSeconds);
        using var timeout = new CancellationTokenSource(bound, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        _lastRetryReason = null;
        try
        {
            var client = _client ??= CreateClient(secretId);
            var request = new GetSecretValueRequest(secretId)
            {
                VersionStage = string.IsNullOrWhiteSpace(auth.Value.SecretVersionStage) ? null : auth.Value.SecretVersionStage,
            };
            var response = await client.GetSecretValueAsync(request, linked.Token);
            var keys = ApiKeySecretDocument.Parse(response.SecretString, store.Configured);
            var wasLoaded = store.Status == KeySetStatus.Ready;
            var previous = store.FromSecret;
            store.Publish(keys, response.VersionId);
            LogPublished(secretId, response.VersionId, wasLoaded ? previous : null, keys);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"no answer within Auth:SecretLoadTimeoutSeconds ({auth.Value.SecretLoadTimeoutSeconds} s)"
                + (_lastRetryReason is { } last ? $"; the last failed attempt: {last}" : string.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // AWS errors, network errors, AWS settings and the key list's own errors: none quotes the secret's value.
            return ex.Message;
        }
    }

    private ISecretsManagerClient CreateClient(string secretId)
    {
        if (services.GetService<ISecretsManagerClient>() is { } registered)
        {
            return registered;
        }

        _ownClient = SecretsManagerClient.Create(clientOptions.Value, time, (attempt, delay, reason) =>
        {
            _lastRetryReason = reason;
            KeyLog.Retrying(logger, secretId, attempt, reason, (long)delay.TotalMilliseconds);
        });
        return _ownClient;
    }

    private void LogPublished(string secretId, string? versionId, ApiKeySet? previous, ApiKeySet current)
    {
        if (previous is null)
        {
            KeyLog.Loaded(logger, secretId, versionId, current.Count, string.Join(", ", current.Names), store.Configured.Count);
            return;
        }

        var added = current.Names.Where(n => previous.Find(n) is null).ToArray();
        var removed = previous.Names.Where(n => current.Find(n) is null).ToArray();
        var replaced = current.Keys.ToArray()
            .Where(k => previous.Find(k.Name) is { } old && !CryptographicOperations.FixedTimeEquals(old.Sha256, k.Sha256))
            .Select(k => k.Name)
            .ToArray();
        if (added.Length + removed.Length + replaced.Length == 0)
        {
            KeyLog.Unchanged(logger, secretId, versionId);
            return;
        }

        KeyLog.Changed(logger, secretId, versionId, string.Join(", ", added), string.Join(", ", removed), string.Join(", ", replaced));
    }
}
