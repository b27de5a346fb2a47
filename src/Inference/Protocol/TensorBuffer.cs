using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Protocol;

/// <summary>
/// The elements of one input tensor in a buffer rented from a pool. JSON is parsed straight into it and ONNX Runtime
/// reads it in place through an <see cref="OrtValue"/>, so a request's tensor is never copied after parsing.
/// </summary>
internal abstract class TensorBuffer : IDisposable
{
    /// <summary>The element type.</summary>
    public abstract TensorElementType ElementType { get; }

    /// <summary>How many elements the tensor holds.</summary>
    public abstract int Length { get; }

    /// <summary>Rents a buffer for <paramref name="length"/> elements of <paramref name="type"/>.</summary>
    public static TensorBuffer Rent(TensorElementType type, int length) => type switch
    {
        TensorElementType.Float => new NumericTensorBuffer<float>(type, length, JsonElementReaders.Float),
        TensorElementType.Double => new NumericTensorBuffer<double>(type, length, JsonElementReaders.Double),
        TensorElementType.Float16 => new NumericTensorBuffer<Float16>(type, length, JsonElementReaders.Fp16),
        TensorElementType.BFloat16 => new NumericTensorBuffer<BFloat16>(type, length, JsonElementReaders.Bf16),
        TensorElementType.Int8 => new NumericTensorBuffer<sbyte>(type, length, JsonElementReaders.Int8),
        TensorElementType.Int16 => new NumericTensorBuffer<short>(type, length, JsonElementReaders.Int16),
        TensorElementType.Int32 => new NumericTensorBuffer<int>(type, length, JsonElementReaders.Int32),
        TensorElementType.Int64 => new NumericTensorBuffer<long>(type, length, JsonElementReaders.Int64),
        TensorElementType.UInt8 => new NumericTensorBuffer<byte>(type, length, JsonElementReaders.UInt8),
        TensorElementType.UInt16 => new NumericTensorBuffer<ushort>(type, length, JsonElementReaders.UInt16),
        TensorElementType.UInt32 => new NumericTensorBuffer<uint>(type, length, JsonElementReaders.UInt32),
        TensorElementType.UInt64 => new NumericTensorBuffer<ulong>(type, length, JsonElementReaders.UInt64),
        TensorElementType.Bool => new NumericTensorBuffer<bool>(type, length, JsonElementReaders.Bool),
        TensorElementType.String => new StringTensorBuffer(length),
        _ => throw ProtocolException.BadRequest($"datatype {KServeDataType.FromOnnx(type)} is not supported by this server"),
    };

    /// <summary>Reads the current JSON token into element <paramref name="index"/>; false when the token has the wrong type.</summary>
    public abstract bool TryRead(ref Utf8JsonReader reader, int index);

    /// <summary>
    /// The elements as raw little-endian bytes, to be filled straight from the request body (the protocol's binary
    /// tensor data extension). Only for types with a fixed-size layout (<see cref="ByteLength"/> not -1).
    /// </summary>
    public abstract Span<byte> RawBytes { get; }

    /// <summary>Bytes the raw form of this buffer takes; -1 for types without a fixed-size layout.</summary>
    public abstract long ByteLength { get; }

    /// <summary>A tensor over elements [start, start+count) with the given shape, reading this buffer in place.</summary>
    public abstract OrtValue CreateOrtValue(long[] shape, int start, int count);

    /// <summary>Copies all elements into <paramref name="destination"/> from <paramref name="destinationIndex"/> on (used to merge requests).</summary>
    public abstract void CopyTo(TensorBuffer destination, int destinationIndex);

    /// <summary>Returns the buffer to its pool.</summary>
    public abstract void Dispose();
}
