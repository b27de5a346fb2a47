using Microsoft.Extensions.Options;

namespace Reconciler.Inference.Configuration;

/// <summary>Checks the "Inference" section at start-up and reports every problem at once.</summary>
internal sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        var errors = new List<string>();
        if (options.MaxBatchItems < 1)
        {
            errors.Add($"Inference:MaxBatchItems is {options.MaxBatchItems}; set it to 1 or more (default 100).");
        }

        if (options.MaxRequestBytes < 1024)
        {
            errors.Add($"Inference:MaxRequestBytes is {options.MaxRequestBytes}; set it to at least 1024 bytes (default 8388608).");
        }

        if (options.Models.Count == 0)
        {
            errors.Add("Inference:Models is empty; add at least one model with Name, Version and Path or S3.");
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < options.Models.Count; i++)
        {
            ValidateModel(options.Models[i], $"Inference:Models:{i}", seen, errors);
        }

        var batching = options.DynamicBatching;
        if (batching.Enabled && (batching.MaxBatchItems < 1 || batching.MaxDelayMicroseconds < 0))
        {
            errors.Add("Inference:DynamicBatching needs MaxBatchItems of 1 or more and MaxDelayMicroseconds of 0 or more.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateModel(ModelOptions model, string at, HashSet<(string, string)> seen, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(model.Name) || model.Name.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"{at}:Name '{model.Name}' is empty or contains '/'; set a route-safe name such as 'penguins'.");
        }

        if (string.IsNullOrWhiteSpace(model.Version) || model.Version.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"{at}:Version '{model.Version}' is empty or contains '/'; set a version label such as '1'.");
        }

        if (!seen.Add((model.Name, model.Version)))
        {
            errors.Add($"{at}: model '{model.Name}' version '{model.Version}' is listed twice; remove one.");
        }

        var hasPath = !string.IsNullOrWhiteSpace(model.Path);
        var hasS3 = model.S3 is not null;
        if (hasPath == hasS3)
        {
            errors.Add($"{at} ('{model.Name}'): set exactly one of Path or S3.");
        }

        if (model.S3 is { } s3 && (string.IsNullOrWhiteSpace(s3.Bucket) || string.IsNullOrWhiteSpace(s3.Key)))
        {
            errors.Add($"{at}:S3 ('{model.Name}'): set both Bucket and Key.");
        }

        if (model.Sha256 is { Length: > 0 } sha && !Sha256Hex.IsValid(sha))
        {
            errors.Add($"{at}:Sha256 ('{model.Name}') must be 64 hex digits, the SHA-256 of the .onnx file.");
        }

        if (model.IntraOpThreads < 0)
        {
            errors.Add($"{at}:IntraOpThreads ('{model.Name}') is {model.IntraOpThreads}; use 0 (runtime default) or more.");
        }

        if (model.MaxConcurrentRuns < 0)
        {
            errors.Add($"{at}:MaxConcurrentRuns ('{model.Name}') is {model.MaxConcurrentRuns}; use 0 (one run per IntraOpThreads cores) or more.");
        }
    }
}
