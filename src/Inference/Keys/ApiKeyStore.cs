using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Keys;

/// <summary>
/// The accepted keys, swappable: the keys of "Auth:Keys" together with those read from the Secrets Manager secret
/// named in "Auth:SecretId". Each read of the secret that succeeds replaces the whole set with one reference swap,
/// so a request sees either the old set or the new one; a read that fails never empties it.
/// </summary>
internal sealed class ApiKeyStore
{
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile State _state;

    public ApiKeyStore(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        Configured = ApiKeySet.FromOptions(auth.Keys);
        SecretId = auth.ActiveSecretId;
        _state = new State(Configured, ApiKeySet.Empty, SecretId is null ? KeySetStatus.Ready : KeySetStatus.Loading, null, null);
        if (SecretId is null)
        {
            _settled.TrySetResult();
        }
    }

    /// <summary>The keys of "Auth:Keys".</summary>
    public ApiKeySet Configured { get; }

    /// <summary>The secret the other keys come from; null when there is none (or keys are not required).</summary>
    public string? SecretId { get; }

    /// <summary>The keys to check requests against: configuration's and the last secret read's.</summary>
    public ApiKeySet Current => _state.Keys;

    /// <summary>The keys of the last good read of the secret; empty before one.</summary>
    public ApiKeySet FromSecret => _state.FromSecret;

    /// <summary>The version id of the last good read of the secret.</summary>
    public string? SecretVersionId => _state.VersionId;

    public KeySetStatus Status => _state.Status;

    /// <summary>Completes once the first read of the secret has succeeded or failed (at once without a secret).</summary>
    public Task Settled => _settled.Task;

    /// <summary>Why requests cannot be checked yet, for 503 and readiness messages; null when they can. Never holds a key or hash.</summary>
    public string? NotReadyReason => _state switch
    {
        { Status: KeySetStatus.Loading } => $"API keys are still loading from Secrets Manager secret '{SecretId}'",
        { Status: KeySetStatus.Failed, Failure: var failure } => $"API keys could not be loaded from Secrets Manager secret '{SecretId}': {failure}",
        _ => null,
    };

    /// <summary>Makes <paramref name="fromSecret"/> (with the configured keys) the accepted set, replacing the previous one whole.</summary>
    public void Publish(ApiKeySet fromSecret, string? versionId) =>
        _state = new State(Configured.Union(fromSecret), fromSecret, KeySetStatus.Ready, null, versionId);

    /// <summary>
    /// Records a failed read. Before any good read the store becomes <see cref="KeySetStatus.Failed"/> with
    /// <paramref name="reason"/>; after one, the last good set stays in force unchanged. Returns whether it does.
    /// </summary>
    public bool RecordFailure(string reason)
    {
        var state = _state;
        if (state.Status == KeySetStatus.Ready)
        {
            return true;
        }

        _state = state with { Status = KeySetStatus.Failed, Failure = reason };
        return false;
    }

    /// <summary>Called once the first read of the secret is over, however it ended.</summary>
    public void MarkSettled() => _settled.TrySetResult();

    // One object, so the keys, the status and the reason are always read together.
    private sealed record State(ApiKeySet Keys, ApiKeySet FromSecret, KeySetStatus Status, string? Failure, string? VersionId);
}
