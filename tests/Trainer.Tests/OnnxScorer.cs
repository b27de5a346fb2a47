using Microsoft.ML.OnnxRuntime;

namespace Reconciler.Trainer.Tests;

/// <summary>Scores dataset rows with ONNX Runtime, the way the inference service does.</summary>
internal static class OnnxScorer
{
    public static (string[] Labels, float[] Scores) Score(byte[] model, IReadOnlyList<PenguinExample> examples)
    {
        using var session = new InferenceSession(model);
        var features = examples.SelectMany(e => e.Features).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(features, [examples.Count, PenguinExample.FeatureCount]);
        using var outputs = session.Run(new RunOptions(), [OnnxNames.Features], [input], [OnnxNames.PredictedLabel, OnnxNames.Score]);
        var labels = outputs[0].GetStringTensorAsArray();
        var scores = outputs[1].GetTensorDataAsSpan<float>().ToArray();
        return (labels, scores);
    }

    /// <summary>The repository root, found from the test's folder, for the committed model files.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }
}
