using System.Text.Json.Serialization;

namespace Reconciler.Trainer;

/// <summary>One row of the Palmer penguins dataset exactly as vega-datasets' penguins.json spells it.</summary>
internal sealed record PenguinRecord
{
    [JsonPropertyName("Species")]
    public string? Species { get; init; }

    [JsonPropertyName("Island")]
    public string? Island { get; init; }

    [JsonPropertyName("Beak Length (mm)")]
    public float? BeakLengthMm { get; init; }

    [JsonPropertyName("Beak Depth (mm)")]
    public float? BeakDepthMm { get; init; }

    [JsonPropertyName("Flipper Length (mm)")]
    public float? FlipperLengthMm { get; init; }

    [JsonPropertyName("Body Mass (g)")]
    public float? BodyMassG { get; init; }

    [JsonPropertyName("Sex")]
    public string? Sex { get; init; }
}
