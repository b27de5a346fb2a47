using System.Text;
using System.Text.Json;

namespace Reconciler.Trainer;

/// <summary>
/// Entries of an ONNX model's <c>metadata_props</c> that the inference service reads (ONNX Runtime
/// hands them over as the session's custom metadata): which class each score belongs to, and
/// which outputs are no use to a client.
/// </summary>
public static class OnnxMetadata
{
    /// <summary>The key naming the labels of an output's last dimension, in order; the value is a JSON array of strings.</summary>
    public static string LabelsKey(string output) => "labels:" + output;

    /// <summary>The key listing outputs the service should not offer; the value is a JSON array of output names.</summary>
    public const string HiddenOutputsKey = "hidden_outputs";

    /// <summary>
    /// Appends <paramref name="entries"/> to a serialized ModelProto. Protocol Buffers merge a
    /// repeated field written after the rest of a message into it, so the graph's own bytes stay
    /// exactly as ML.NET's converter wrote them, and a retrain stays bit-for-bit the same.
    /// </summary>
    public static void Append(Stream model, IEnumerable<KeyValuePair<string, string>> entries)
    {
        foreach (var (key, value) in entries)
        {
            // StringStringEntryProto: key = field 1, value = field 2, both length-delimited strings.
            var entry = new MemoryStream();
            WriteBytes(entry, 1, Encoding.UTF8.GetBytes(key));
            WriteBytes(entry, 2, Encoding.UTF8.GetBytes(value));
            // ModelProto.metadata_props = field 14.
            WriteBytes(model, 14, entry.ToArray());
        }
    }

    /// <summary>A JSON array of strings, as the values of these entries are written.</summary>
    public static string JsonArray(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray());

    private static void WriteBytes(Stream stream, int field, byte[] bytes)
    {
        WriteVarint(stream, (uint)((field << 3) | 2));
        WriteVarint(stream, (uint)bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteVarint(Stream stream, uint value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
