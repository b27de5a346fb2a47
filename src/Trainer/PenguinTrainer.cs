using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Reconciler.Trainer;

/// <summary>Trains the penguin species classifier and exports it to ONNX.</summary>
public sealed class PenguinTrainer
{
    private readonly MLContext _ml;
    private readonly ModelRecipe _recipe;

    public PenguinTrainer(ModelRecipe recipe)
    {
        _recipe = recipe;
        _ml = new MLContext(seed: recipe.Seed);
    }

    /// <summary>Fits the model. The label mapping is fitted apart so the exported graph takes only the features as input.</summary>
    public ITransformer Train(IReadOnlyList<PenguinExample> examples)
    {
        var data = _ml.Data.LoadFromEnumerable(examples);
        var labels = _ml.Transforms.Conversion.MapValueToKey("Label", nameof(PenguinExample.Species)).Fit(data);
        var labelled = labels.Transform(data);

        var pipeline = Normaliser()
            .Append(Classifier())
            .Append(_ml.Transforms.Conversion.MapKeyToValue(nameof(PenguinPrediction.PredictedLabel)));
        return pipeline.Fit(labelled);
    }

    /// <summary>ML.NET's own predictions, the reference the ONNX export must match.</summary>
    public IReadOnlyList<PenguinPrediction> Predict(ITransformer model, IReadOnlyList<PenguinExample> examples)
    {
        var scored = model.Transform(_ml.Data.LoadFromEnumerable(examples.Select(e => new PenguinFeaturesOnly { Features = e.Features })));
        return _ml.Data.CreateEnumerable<PenguinPrediction>(scored, reuseRowObject: false).ToList();
    }

    /// <summary>
    /// Writes the ONNX graph with one input ("Features") and the two outputs clients need, and
    /// in its metadata the species each score belongs to and the converter's unused output, so
    /// the service can tell clients the one and hide the other.
    /// </summary>
    public void ExportOnnx(ITransformer model, Stream destination)
    {
        var schemaOnly = _ml.Data.LoadFromEnumerable(new[] { new PenguinFeaturesOnly() });
        _ml.Model.ConvertToOnnx(model, schemaOnly, destination,
            nameof(PenguinPrediction.PredictedLabel), nameof(PenguinPrediction.Score));
        OnnxMetadata.Append(destination,
        [
            new(OnnxMetadata.LabelsKey(OnnxNames.Score), OnnxMetadata.JsonArray(ScoreLabels(model, schemaOnly))),
            new(OnnxMetadata.HiddenOutputsKey, OnnxMetadata.JsonArray([OnnxNames.UnusedScore])),
        ]);
    }

    /// <summary>The class of each score, in score order: the slot names ML.NET gives the Score column from the label's key values.</summary>
    public static IReadOnlyList<string> ScoreLabels(ITransformer model, IDataView input)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(input.Schema)[nameof(PenguinPrediction.Score)].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private IEstimator<ITransformer> Normaliser() => _recipe.Algorithm switch
    {
        "lbfgs-maxent" => _ml.Transforms.NormalizeMinMax(nameof(PenguinExample.Features)),
        _ => _ml.Transforms.NormalizeMeanVariance(nameof(PenguinExample.Features)),
    };

    private IEstimator<ITransformer> Classifier() => _recipe.Algorithm switch
    {
        "lbfgs-maxent" => _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = nameof(PenguinExample.Features),
            L2Regularization = _recipe.L2,
            // One thread: the optimiser's sums are then done in one order, so a retrain is bit-for-bit the same.
            NumberOfThreads = 1,
        }),
        "sdca-maxent" => _ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = nameof(PenguinExample.Features),
            L2Regularization = _recipe.L2,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
        }),
        _ => throw new ArgumentException($"Unknown algorithm '{_recipe.Algorithm}' in recipe {_recipe.Version}; use 'lbfgs-maxent' or 'sdca-maxent'."),
    };
}
