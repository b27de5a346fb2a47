using System.Text.Json;

namespace Reconciler.Inference.Protocol;

/// <summary>The element readers for every numeric datatype: strict, so "1.5" in an INT64 tensor is an error, not a truncation.</summary>
internal static class JsonElementReaders
{
    public static readonly ElementReader<float> Float = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out value);
    };

    public static readonly ElementReader<double> Double = static (ref reader, out value) =>
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value);
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
