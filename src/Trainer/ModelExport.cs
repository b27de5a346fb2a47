using System.Security.Cryptography;
using System.Text.Json;

namespace Reconciler.Trainer;

/// <summary>Trains one recipe and writes its ONNX file and the warm-up case the service checks before it says ready.</summary>
public static class ModelExport
{
    /// <summary>Rows used for the warm-up case: one of each species, so a model that confuses them is caught.</summary>
    private static readonly int[] WarmupRows = [0, 200, 300];

    public static ExportResult Write(ModelRecipe recipe, IReadOnlyList<PenguinExample> examples, string folder)
    {
        Directory.CreateDirectory(folder);
        var trainer = new PenguinTrainer(recipe);
        var model = trainer.Train(examples);
        var predictions = trainer.Predict(model, examples);
        var correct = examples.Where((e, i) => e.Species == predictions[i].PredictedLabel).Count();

        var modelPath = Path.Combine(folder, "model.onnx");
        using (var file = File.Create(modelPath))
        {
            trainer.ExportOnnx(model, file);
        }

        var warmupPath = Path.Combine(folder, "warmup.json");
        File.WriteAllText(warmupPath, WarmupJson(examples, predictions));
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)));
        return new ExportResult(modelPath, warmupPath, sha, (double)correct / examples.Count);
    }

    private static string WarmupJson(IReadOnlyList<PenguinExample> examples, IReadOnlyList<PenguinPrediction> predictions)
    {
        var warmup = new
        {
            inputs = new[]
            {
                new
                {
                    name = "Features",
                    datatype = "FP32",
                    shape = new[] { WarmupRows.Length, PenguinExample.FeatureCount },
                    data = WarmupRows.SelectMany(i => examples[i].Features).ToArray(),
                },
            },
            expected = new object[]
            {
                new { name = OnnxNames.PredictedLabel, data = WarmupRows.Select(i => predictions[i].PredictedLabel).ToArray() },
                new { name = OnnxNames.Score, data = WarmupRows.SelectMany(i => predictions[i].Score).ToArray() },
            },
            tolerance = 1e-4,
        };
        return JsonSerializer.Serialize(warmup, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
