using System.Buffers;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Protocol;

/// <summary>A buffer of BYTES elements. ONNX Runtime keeps strings in native memory, so these are copied when a tensor is made.</summary>
internal sealed class StringTensorBuffer(int length) : TensorBuffer
{
    private string[]? _array = ArrayPool<string>.Shared.Rent(Math.Max(length, 1));

    public override TensorElementType ElementType => TensorElementType.String;

    public override int Length { get; } = length;

    private string[] Array => _array ?? throw new ObjectDisposedException(nameof(StringTensorBuffer));

    public override bool TryRead(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        Array[index] = reader.GetString() ?? string.Empty;
        return true;
    }

    public override long ByteLength => -1;

    // Length-prefixed binary strings are not read: BYTES inputs travel as JSON strings.
    public override Span<byte> RawBytes => throw new NotSupportedException("BYTES tensors have no fixed-size binary layout.");

    public override OrtValue CreateOrtValue(long[] shape, int start, int count)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        for (var i = 0; i < count; i++)
        {
            value.StringTensorSetElementAt(Array[start + i].AsSpan(), i);
        }

        return value;
    }

    public override void CopyTo(TensorBuffer destination, int destinationIndex) =>
        Array.AsSpan(0, Length).CopyTo(((StringTensorBuffer)destination).Array.AsSpan(destinationIndex));

    public override void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<string>.Shared.Return(array, clearArray: true);
        }
    }
}
