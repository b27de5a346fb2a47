using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Protocol;

/// <summary>The inputs and outputs a model declares, and how its batch dimension behaves.</summary>
internal sealed class ModelSignature
{
    public ModelSignature(IReadOnlyList<TensorSpec> inputs, IReadOnlyList<TensorSpec> outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        OneItemPerRun = inputs.Count > 0
            && inputs.All(i => i.Shape is [1, ..])
            && outputs.All(o => o.Shape is [1, ..] && o.Shape.All(d => d > 0) && o.ElementType != TensorElementType.String);
    }

    public IReadOnlyList<TensorSpec> Inputs { get; }

    public IReadOnlyList<TensorSpec> Outputs { get; }

    /// <summary>
    /// True for graphs exported with a batch dimension fixed at 1 (such as the ResNet-18 featurizer): a request of N
    /// items is then run N times over consecutive slices of the same buffers, so callers still send batches.
    /// </summary>
    public bool OneItemPerRun { get; }

    public TensorSpec? FindInput(string name)
    {
        foreach (var input in Inputs)
        {
            if (input.Name == name)
            {
                return input;
            }
        }

        return null;
    }

    public TensorSpec? FindOutput(string name)
    {
        foreach (var output in Outputs)
        {
            if (output.Name == name)
            {
                return output;
            }
        }

        return null;
    }
}
