using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// The model an inference service serves: one key in a versioned bucket, each object version of
/// it labelled by its <c>model-version</c> metadata (docs/model-versions.md).
/// </summary>
public sealed record InferenceModelSpec
{
    /// <summary>The Bucket document holding the model (versioning on).</summary>
    [Reference("Bucket")]
    public required string Bucket { get; init; }

    /// <summary>The model's key, the same for every version, e.g. penguins/model.onnx.</summary>
    public required string Key { get; init; }

    /// <summary>
    /// The version label to serve, as written in the object version's <c>model-version</c>
    /// metadata. Changing it starts a rollout.
    /// </summary>
    public required string Version { get; init; }

    /// <summary>A key and a label that can match an object.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (rules.HasValue($"{path}.key") && (Key.StartsWith('/') || Key.EndsWith('/')))
        {
            rules.Error($"{path}.key", $"{path}.key '{Key}' in InferenceService spec must name an object, without a leading or trailing '/', e.g. penguins/model.onnx");
        }

        if (rules.IsSet($"{path}.version") && string.IsNullOrWhiteSpace(Version))
        {
            rules.Error($"{path}.version", $"{path}.version in InferenceService spec is empty; write the model-version label of an object version, e.g. \"1\"");
        }
    }
}
