using Microsoft.Extensions.Options;

namespace Reconciler.Inference.Configuration;

/// <summary>Checks the "Auth" section at start-up: hashes well formed, names unique, a budget that fits a full batch.</summary>
internal sealed class AuthOptionsValidator(IOptions<InferenceOptions> inference) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.Keys.Count == 0)
        {
            errors.Add("Auth:Keys is empty while Auth:Enabled is true; add a key { Name, Sha256 } or set Auth:Enabled to false.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name))
            {
                errors.Add($"Auth:Keys:{i}:Name '{key.Name}' is empty or repeated; give each key its own name.");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(Uri.IsHexDigit))
            {
                errors.Add($"Auth:Keys:{i}:Sha256 (key '{key.Name}') must be 64 hex digits: the SHA-256 of the key, never the key itself.");
            }
        }

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
}
