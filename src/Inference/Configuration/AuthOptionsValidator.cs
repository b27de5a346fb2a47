using Microsoft.Extensions.Options;

namespace Reconciler.Inference.Configuration;

/// <summary>
/// Checks the "Auth" section at start-up: hashes well formed, names unique, a budget that fits a full batch, and
/// the Secrets Manager settings usable. The secret's own contents are checked when it is read.
/// </summary>
internal sealed class AuthOptionsValidator(IOptions<InferenceOptions> inference) : IValidateOptions<AuthOptions>
{
    // The model's limits: SecretIdType is 1 to 2048 characters, SecretVersionStageType 1 to 256.
    private const int MaxSecretIdLength = 2048;
    private const int MaxVersionStageLength = 256;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.Keys.Count == 0 && options.ActiveSecretId is null)
        {
            errors.Add("Auth:Keys is empty and Auth:SecretId is not set while Auth:Enabled is true; add a key { Name, Sha256 }, "
                + "name a Secrets Manager secret holding the keys' hashes in Auth:SecretId, or set Auth:Enabled to false.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name))
            {
                errors.Add($"Auth:Keys:{i}:Name '{key.Name}' is empty or repeated; give each key its own name.");
            }

            if (!Sha256Hex.IsValid(key.Sha256))
            {
                errors.Add($"Auth:Keys:{i}:Sha256 (key '{key.Name}') must be 64 hex digits: the SHA-256 of the key, never the key itself.");
            }
        }

        ValidateSecret(options, errors);

        if (options.ItemsPerSecond <= 0)
        {
            errors.Add($"Auth:ItemsPerSecond is {options.ItemsPerSecond}; set a positive rate.");
        }

        var maxBatch = inference.Value.MaxBatchItems;
        if (options.BurstItems < maxBatch)
        {
            errors.Add($"Auth:BurstItems is {options.BurstItems}, below Inference:MaxBatchItems ({maxBatch}); a full batch could never pass. Raise it to at least {maxBatch}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateSecret(AuthOptions options, List<string> errors)
    {
        if (options.ActiveSecretId is not { } secretId)
        {
            return;
        }

        if (secretId.Length > MaxSecretIdLength)
        {
            errors.Add($"Auth:SecretId is {secretId.Length} characters long; a secret name or ARN has at most {MaxSecretIdLength}.");
        }

        if (options.SecretVersionStage is { Length: > 0 } stage && (string.IsNullOrWhiteSpace(stage) || stage.Length > MaxVersionStageLength))
        {
            errors.Add($"Auth:SecretVersionStage must be a staging label of 1 to {MaxVersionStageLength} characters such as 'AWSCURRENT', or left empty.");
        }

        if (options.SecretRefreshSeconds < 0)
        {
            errors.Add($"Auth:SecretRefreshSeconds is {options.SecretRefreshSeconds}; set 0 to read the secret once at start-up, or an interval such as 300.");
        }

        if (options.SecretLoadTimeoutSeconds <= 0)
        {
            errors.Add($"Auth:SecretLoadTimeoutSeconds is {options.SecretLoadTimeoutSeconds}; set a positive bound such as 30.");
        }
    }
}
