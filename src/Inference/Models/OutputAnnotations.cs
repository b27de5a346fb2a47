using System.Text.Json;

namespace Reconciler.Inference.Models;

/// <summary>
/// What a model's ONNX metadata (<c>metadata_props</c>, written by src/Trainer) says about its
/// outputs: the label of each position of an output's last dimension (<c>labels:OUTPUT</c>, a
/// JSON array of strings), so a client knows which class each score belongs to; and outputs a
/// client has no use for (<c>hidden_outputs</c>, a JSON array of names), which the service does
/// not offer. A model without these entries has every output and no labels.
/// </summary>
internal sealed class OutputAnnotations
{
    public const string LabelsPrefix = "labels:";
    public const string HiddenOutputsKey = "hidden_outputs";

    private OutputAnnotations(IReadOnlyDictionary<string, IReadOnlyList<string>> labels, IReadOnlySet<string> hidden)
    {
        Labels = labels;
        Hidden = hidden;
    }

    /// <summary>Labels by output name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Labels { get; }

    /// <summary>Outputs not offered to clients.</summary>
    public IReadOnlySet<string> Hidden { get; }

    /// <summary>Reads the entries; a malformed value is an error naming the entry, so a broken export never serves wrong labels.</summary>
    /// <exception cref="InvalidDataException">An entry's value is not a JSON array of strings.</exception>
    public static OutputAnnotations From(IReadOnlyDictionary<string, string> metadata)
    {
        var labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (key.StartsWith(LabelsPrefix, StringComparison.Ordinal))
            {
                labels[key[LabelsPrefix.Length..]] = Strings(key, value);
            }
            else if (key == HiddenOutputsKey)
            {
                hidden.UnionWith(Strings(key, value));
            }
        }

        return new OutputAnnotations(labels, hidden);
    }

    private static string[] Strings(string key, string value)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(value) is { } strings && strings.All(s => s is not null)
                ? strings
                : throw new InvalidDataException($"model metadata '{key}' must be a JSON array of strings, not '{value}'");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"model metadata '{key}' must be a JSON array of strings, not '{value}': {e.Message}", e);
        }
    }
}
