namespace Reconciler.Trainer;

/// <summary>Tensor names in the exported graph; ML.NET's converter suffixes every output column with ".output".</summary>
public static class OnnxNames
{
    public const string Features = "Features";
    public const string PredictedLabel = "PredictedLabel.output";
    public const string Score = "Score.output";

    /// <summary>A constant output ML.NET's converter adds beside the scores; of no use to a client.</summary>
    public const string UnusedScore = "mlnet.Score.unusedOutput";
}
