using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Protocol;

/// <summary>A pooled buffer of fixed-size elements.</summary>
internal sealed class NumericTensorBuffer<T> : TensorBuffer
    where T : unmanaged
{
    private readonly ElementReader<T> _reader;
    private T[]? _array;

    public NumericTensorBuffer(TensorElementType elementType, int length, ElementReader<T> reader)
    {
        ElementType = elementType;
        Length = length;
        _reader = reader;
        _array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
    }

    public override TensorElementType ElementType { get; }

    public override int Length { get; }

    /// <summary>The elements, for callers that fill the buffer without JSON (warm-up, benchmarks).</summary>
    public Span<T> Span => Array.AsSpan(0, Length);

    private T[] Array => _array ?? throw new ObjectDisposedException(nameof(NumericTensorBuffer<T>));

    public override bool TryRead(ref Utf8JsonReader reader, int index)
    {
        if (!_reader(ref reader, out var value))
        {
            return false;
        }

        Array[index] = value;
        return true;
    }

    public override long ByteLength => (long)Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    // The wire format is little-endian, as is every platform this service runs on.
    public override Span<byte> RawBytes => MemoryMarshal.AsBytes(Span);

    public override OrtValue CreateOrtValue(long[] shape, int start, int count) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<T>(Array, start, count), shape);

    public override void CopyTo(TensorBuffer destination, int destinationIndex) =>
        Span.CopyTo(((NumericTensorBuffer<T>)destination).Array.AsSpan(destinationIndex));

    public override void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
