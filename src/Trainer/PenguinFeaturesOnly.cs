using Microsoft.ML.Data;

namespace Reconciler.Trainer;

/// <summary>The scoring input: the features without a label, which fixes the exported graph's only input.</summary>
public sealed class PenguinFeaturesOnly
{
    [VectorType(PenguinExample.FeatureCount)]
    public float[] Features { get; set; } = new float[PenguinExample.FeatureCount];
}
