using Microsoft.ML.OnnxRuntime;

namespace Reconciler.Inference.Runtime;

/// <summary>
/// One output for one request: a range of an ONNX Runtime value. Usually the whole value; with dynamic batching, the
/// rows that belong to this request, so merged results are answered without copying them apart.
/// </summary>
internal sealed record OutputTensor(string Name, OrtValue Value, long[] Shape, int ElementStart, int ElementCount);
