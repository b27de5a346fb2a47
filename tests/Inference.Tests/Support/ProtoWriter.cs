using System.Text;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// The two protobuf wire types an ONNX model needs: varints (wire type 0) and length-delimited fields (wire type 2:
/// strings and nested messages). Enough to write a ModelProto without a protobuf package.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, wireType: 0);
        Varint((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        return Bytes(field, nested.ToArray());
    }

    public byte[] ToArray() => _stream.ToArray();

    private ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, wireType: 2);
        Varint((ulong)value.Length);
        _stream.Write(value);
        return this;
    }

    private void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    // Negative int64 values take ten bytes, as protobuf encodes them; ONNX dimensions here are never negative.
    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }
}
