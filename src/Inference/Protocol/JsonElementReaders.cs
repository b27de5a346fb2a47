using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace Reconciler.Inference.Protocol;

/// <summary>
/// The element readers for every numeric datatype: strict, so "1.5" in an INT64 tensor is an error, not a truncation,
/// and a number too large for a float type is an error, not an infinity (JSON has no infinities, so an infinite
/// result can only be an overflow).
/// </summary>
internal static class JsonElementReaders
{
    public static readonly ElementReader<float> Float = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out value) && float.IsFinite(value);
    };

    public static readonly ElementReader<double> Double = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value) && double.IsFinite(value);
    };

    /// <summary>
    /// FP16: the number is rounded once, from its double value, to the nearest half (ties to even) by
    /// <see cref="Half"/>. A finite number that rounds to infinity (above 65504 in magnitude, give or take the
    /// rounding) is refused: the only reason this reader refuses a number, so the parser reports it as out of range.
    /// </summary>
    public static readonly ElementReader<Float16> Fp16 = static (ref reader, out value) =>
    {
        value = default;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var number))
        {
            return false;
        }

        var half = (Half)number;
        value = new Float16(BitConverter.HalfToUInt16Bits(half));
        return Half.IsFinite(half);
    };

    /// <summary>
    /// BF16: the number is read as float32, then kept to its upper 16 bits rounded to nearest, ties to even (ONNX
    /// Runtime's conversion, which also keeps NaN a NaN). A number beyond BF16's range is refused, as for FP16.
    /// </summary>
    public static readonly ElementReader<BFloat16> Bf16 = static (ref reader, out value) =>
    {
        value = default;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out var number))
        {
            return false;
        }

        value = (BFloat16)number;
        return BFloat16.IsFinite(value);
    };

    public static readonly ElementReader<sbyte> Int8 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetSByte(out value);
    };

    public static readonly ElementReader<short> Int16 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt16(out value);
    };

    public static readonly ElementReader<int> Int32 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    };

    public static readonly ElementReader<long> Int64 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    };

    public static readonly ElementReader<byte> UInt8 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetByte(out value);
    };

    public static readonly ElementReader<ushort> UInt16 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt16(out value);
    };

    public static readonly ElementReader<uint> UInt32 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out value);
    };

    public static readonly ElementReader<ulong> UInt64 = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out value);
    };

    public static readonly ElementReader<bool> Bool = static (ref reader, out value) =>
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    };
}
