using Microsoft.ML.OnnxRuntime;

namespace Reconciler.Inference.Runtime;

/// <summary>
/// The outputs of one request and the native memory behind them. Disposing releases it; with dynamic batching several
/// results share one run, and the memory goes when the last of them is disposed.
/// </summary>
internal sealed class InferResult : IDisposable
{
    private readonly SharedOutputs _owner;
    private int _disposed;

    public InferResult(IReadOnlyList<OutputTensor> outputs, SharedOutputs owner, TimeSpan computeTime)
    {
        Outputs = outputs;
        _owner = owner;
        ComputeTime = computeTime;
    }

    public IReadOnlyList<OutputTensor> Outputs { get; }

    /// <summary>Time spent inside ONNX Runtime for the run that produced these outputs.</summary>
    public TimeSpan ComputeTime { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _owner.Release();
        }
    }

    /// <summary>Creates a result owning <paramref name="resources"/> alone.</summary>
    public static InferResult Single(IReadOnlyList<OutputTensor> outputs, IEnumerable<IDisposable> resources, TimeSpan computeTime) =>
        new(outputs, new SharedOutputs(resources, 1), computeTime);

    /// <summary>Convenience for values that come straight from a run.</summary>
    public static IReadOnlyList<OutputTensor> Whole(IReadOnlyList<string> names, IReadOnlyList<OrtValue> values)
    {
        var outputs = new OutputTensor[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var info = values[i].GetTensorTypeAndShape();
            outputs[i] = new OutputTensor(names[i], values[i], info.Shape, 0, checked((int)info.ElementCount));
        }

        return outputs;
    }
}
