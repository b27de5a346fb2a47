namespace Reconciler.Trainer.Tests;

/// <summary>The exported ONNX models answer exactly as the trainer's own ML.NET models do, on every real row.</summary>
public sealed class OnnxParityTests
{
    private static readonly IReadOnlyList<PenguinExample> Examples = PenguinDataset.Load(PenguinDataset.DefaultPath);

    public static TheoryData<string> Versions => new(ModelRecipe.All.Select(r => r.Version));

    [Fact]
    public void Dataset_KeepsThe342CompleteRowsOfThreeSpecies()
    {
        Assert.Equal(342, Examples.Count);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], Examples.Select(e => e.Species).Distinct().Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void OnnxExport_OutputsEqualTrainerPredictions_OnEveryDatasetRow(string version)
    {
        var (trainer, model, predictions) = Train(version);
        using var onnx = new MemoryStream();
        trainer.ExportOnnx(model, onnx);

        var (labels, scores) = OnnxScorer.Score(onnx.ToArray(), Examples);
        AssertSame(predictions, labels, scores);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void CommittedModel_OutputsEqualAFreshTraining(string version)
    {
        var (_, _, predictions) = Train(version);
        var committed = File.ReadAllBytes(Path.Combine(OnnxScorer.RepositoryRoot(), "models", "penguins", version, "model.onnx"));

        var (labels, scores) = OnnxScorer.Score(committed, Examples);
        AssertSame(predictions, labels, scores);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Training_TwiceWithTheSameSeed_ExportsTheSameBytes(string version)
    {
        byte[] Export()
        {
            var (trainer, model, _) = Train(version);
            using var stream = new MemoryStream();
            trainer.ExportOnnx(model, stream);
            return stream.ToArray();
        }

        Assert.Equal(Export(), Export());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void CommittedModel_MetadataNamesTheClassOfEachScoreAndHidesTheUnusedOutput(string version)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Path.Combine(OnnxScorer.RepositoryRoot(), "models", "penguins", version, "model.onnx"));
        var metadata = session.ModelMetadata.CustomMetadataMap;

        // Score order is the label's key order: first appearance in the data, as ML.NET's slot names say.
        Assert.Equal("""["Adelie","Chinstrap","Gentoo"]""", metadata["labels:Score.output"]);
        Assert.Equal("""["mlnet.Score.unusedOutput"]""", metadata["hidden_outputs"]);
        Assert.Contains(OnnxNames.UnusedScore, session.OutputMetadata.Keys);
    }

    [Fact]
    public void Versions_DisagreeSomewhere_SoBlueAndGreenAreReallyDifferent()
    {
        var v1 = Train("1").Predictions;
        var v2 = Train("2").Predictions;
        Assert.Contains(Enumerable.Range(0, Examples.Count), i => Math.Abs(v1[i].Score[0] - v2[i].Score[0]) > 1e-3);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Model_ClassifiesTheTrainingRowsWell(string version)
    {
        var predictions = Train(version).Predictions;
        var correct = Examples.Where((e, i) => e.Species == predictions[i].PredictedLabel).Count();
        Assert.True(correct >= 0.95 * Examples.Count, $"v{version} got {correct} of {Examples.Count} right");
    }

    private static (PenguinTrainer Trainer, Microsoft.ML.ITransformer Model, IReadOnlyList<PenguinPrediction> Predictions) Train(string version)
    {
        var trainer = new PenguinTrainer(ModelRecipe.All.Single(r => r.Version == version));
        var model = trainer.Train(Examples);
        return (trainer, model, trainer.Predict(model, Examples));
    }

    private static void AssertSame(IReadOnlyList<PenguinPrediction> predictions, string[] labels, float[] scores)
    {
        Assert.Equal(predictions.Select(p => p.PredictedLabel).ToArray(), labels);
        var expected = predictions.SelectMany(p => p.Score).ToArray();
        Assert.Equal(expected.Length, scores.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - scores[i]) <= 1e-5f, $"score {i}: ML.NET {expected[i]}, ONNX {scores[i]}");
        }
    }
}
