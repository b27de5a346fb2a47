namespace Reconciler.Trainer;

/// <summary>What the trained model says about one example, read back from ML.NET.</summary>
public sealed class PenguinPrediction
{
    /// <summary>The predicted species.</summary>
    public string PredictedLabel { get; set; } = string.Empty;

    /// <summary>One probability per species, in the order of the label's key values.</summary>
    public float[] Score { get; set; } = [];
}
