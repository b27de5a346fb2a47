using System.Buffers;
using System.Buffers.Binary;
using Microsoft.ML.OnnxRuntime.Tensors;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference.Protocol;

/// <summary>
/// Writes an output in the layout of the binary tensor data extension, straight from ONNX Runtime's output memory:
/// elements little-endian at their native size (BOOL one byte), row-major, no padding; a BYTES element is a 4-byte
/// little-endian length followed by its bytes.
/// </summary>
internal static class BinaryTensorWriter
{
    /// <summary>The bytes <see cref="Write"/> produces for <paramref name="output"/> (its "binary_data_size").</summary>
    public static long ByteLength(OutputTensor output)
    {
        var size = ElementSize(output);
        if (size > 0)
        {
            return (long)output.ElementCount * size;
        }

        long total = 0;
        for (var i = 0; i < output.ElementCount; i++)
        {
            total += sizeof(uint) + output.Value.GetStringElementAsSpan(output.ElementStart + i).Length;
        }

        return total;
    }

    public static void Write(IBufferWriter<byte> destination, OutputTensor output)
    {
        var size = ElementSize(output);
        if (size > 0)
        {
            // The wire format is little-endian, as is every platform this service runs on: the memory goes out as it is.
            destination.Write(output.Value.GetTensorMutableRawData().Slice(output.ElementStart * size, output.ElementCount * size));
            return;
        }

        for (var i = 0; i < output.ElementCount; i++)
        {
            var element = output.Value.GetStringElementAsSpan(output.ElementStart + i);
            BinaryPrimitives.WriteUInt32LittleEndian(destination.GetSpan(sizeof(uint)), (uint)element.Length);
            destination.Advance(sizeof(uint));
            destination.Write(element);
        }
    }

    /// <summary>Bytes per element; -1 for BYTES, whose elements are length-prefixed.</summary>
    private static int ElementSize(OutputTensor output)
    {
        var type = output.Value.GetTensorTypeAndShape().ElementDataType;
        var size = KServeDataType.ElementSize(type);
        return size > 0 || type == TensorElementType.String
            ? size
            : throw new NotSupportedException($"output '{output.Name}' has element type {type}, which has no binary layout");
    }
}
