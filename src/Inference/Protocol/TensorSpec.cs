using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Protocol;

/// <summary>One input or output of a model as its ONNX graph declares it; -1 marks a dimension of any size.</summary>
internal sealed record TensorSpec(string Name, TensorElementType ElementType, long[] Shape)
{
    /// <summary>The protocol datatype name.</summary>
    public string DataType { get; } = KServeDataType.FromOnnx(ElementType);

    /// <summary>For an output whose last dimension holds one value per class: each class's label, in order (from the model's metadata).</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The shape as the protocol prints it, e.g. "[-1,4]".</summary>
    public string ShapeText => ShapeFormat.Format(Shape);
}
