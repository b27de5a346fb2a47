using Microsoft.ML.Data;

namespace Reconciler.Trainer;

/// <summary>
/// A training or scoring example: the four body measurements as one vector, so the exported ONNX model has a
/// single input "Features" of shape [-1, 4] that a client fills row by row.
/// </summary>
public sealed class PenguinExample
{
    /// <summary>Number of features: beak length, beak depth, flipper length (mm) and body mass (g), in that order.</summary>
    public const int FeatureCount = 4;

    [VectorType(FeatureCount)]
    public float[] Features { get; set; } = new float[FeatureCount];

    /// <summary>The species (Adelie, Chinstrap or Gentoo); empty when scoring.</summary>
    public string Species { get; set; } = string.Empty;
}
