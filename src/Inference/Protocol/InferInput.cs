namespace Reconciler.Inference.Protocol;

/// <summary>One input tensor of a request, already parsed into its pooled buffer.</summary>
internal sealed class InferInput(TensorSpec spec, long[] shape, TensorBuffer buffer) : IDisposable
{
    public TensorSpec Spec { get; } = spec;

    public long[] Shape { get; } = shape;

    public TensorBuffer Buffer { get; } = buffer;

    /// <summary>The size of the batch dimension (1 for a scalar).</summary>
    public int Items => Shape.Length > 0 ? (int)Shape[0] : 1;

    public void Dispose() => Buffer.Dispose();
}
