using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Runtime;

/// <summary>Reads a numeric output as doubles, for checks that are not on the hot path (warm-up, tests).</summary>
internal static class OutputValues
{
    public static double[] AsDoubles(OutputTensor output)
    {
        var value = output.Value;
        var (start, count) = (output.ElementStart, output.ElementCount);
        return value.GetTensorTypeAndShape().ElementDataType switch
        {
            TensorElementType.Float => Convert(value.GetTensorDataAsSpan<float>().Slice(start, count), static v => v),
            // The 16-bit floats widen exactly through float32.
            TensorElementType.Float16 => Convert(value.GetTensorDataAsSpan<Float16>().Slice(start, count), static v => v.ToFloat()),
            TensorElementType.BFloat16 => Convert(value.GetTensorDataAsSpan<BFloat16>().Slice(start, count), static v => v.ToFloat()),
            TensorElementType.Double => value.GetTensorDataAsSpan<double>().Slice(start, count).ToArray(),
            TensorElementType.Int64 => Convert(value.GetTensorDataAsSpan<long>().Slice(start, count), static v => v),
            TensorElementType.Int32 => Convert(value.GetTensorDataAsSpan<int>().Slice(start, count), static v => v),
            TensorElementType.Int16 => Convert(value.GetTensorDataAsSpan<short>().Slice(start, count), static v => v),
            TensorElementType.Int8 => Convert(value.GetTensorDataAsSpan<sbyte>().Slice(start, count), static v => v),
            TensorElementType.UInt64 => Convert(value.GetTensorDataAsSpan<ulong>().Slice(start, count), static v => v),
            TensorElementType.UInt32 => Convert(value.GetTensorDataAsSpan<uint>().Slice(start, count), static v => v),
            TensorElementType.UInt16 => Convert(value.GetTensorDataAsSpan<ushort>().Slice(start, count), static v => v),
            TensorElementType.UInt8 => Convert(value.GetTensorDataAsSpan<byte>().Slice(start, count), static v => v),
            TensorElementType.Bool => Convert(value.GetTensorDataAsSpan<bool>().Slice(start, count), static v => v ? 1 : 0),
            var other => throw new NotSupportedException($"output '{output.Name}' has element type {other}, which has no numeric value"),
        };
    }

    private static double[] Convert<T>(ReadOnlySpan<T> span, Func<T, double> convert)
    {
        var result = new double[span.Length];
        for (var i = 0; i < span.Length; i++)
        {
            result[i] = convert(span[i]);
        }

        return result;
    }
}
