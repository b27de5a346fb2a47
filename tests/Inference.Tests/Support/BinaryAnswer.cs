using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// A response in the binary tensor data extension, split as a client would: the JSON header of
/// Inference-Header-Content-Length bytes, then each binary output's bytes in output order.
/// </summary>
internal sealed class BinaryAnswer
{
    private BinaryAnswer(JsonElement json, int headerLength, Dictionary<string, byte[]> outputs, int trailingBytes)
    {
        Json = json;
        HeaderLength = headerLength;
        Outputs = outputs;
        TrailingBytes = trailingBytes;
    }

    public JsonElement Json { get; }

    public int HeaderLength { get; }

    /// <summary>The raw bytes of each binary output, cut by its binary_data_size.</summary>
    public IReadOnlyDictionary<string, byte[]> Outputs { get; }

    /// <summary>Bytes after the last binary output (0 in a well-formed answer).</summary>
    public int TrailingBytes { get; }

    public static async Task<BinaryAnswer> ReadAsync(HttpResponseMessage response)
    {
        var headerLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), CultureInfo.InvariantCulture);
        return Parse(await response.Content.ReadAsByteArrayAsync(), headerLength);
    }

    public static BinaryAnswer Parse(byte[] body, int headerLength)
    {
        using var document = JsonDocument.Parse(body.AsMemory(0, headerLength));
        var json = document.RootElement.Clone();
        var outputs = new Dictionary<string, byte[]>();
        var offset = headerLength;
        foreach (var output in json.GetProperty("outputs").EnumerateArray())
        {
            if (output.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("binary_data_size", out var size))
            {
                outputs[output.GetProperty("name").GetString()!] = body.AsSpan(offset, size.GetInt32()).ToArray();
                offset += size.GetInt32();
            }
        }

        return new BinaryAnswer(json, headerLength, outputs, body.Length - offset);
    }

    public float[] Floats(string name) => MemoryMarshal.Cast<byte, float>(Outputs[name]).ToArray();

    /// <summary>A BYTES output: each element a 4-byte little-endian length, then that many bytes.</summary>
    public string[] Strings(string name)
    {
        var bytes = Outputs[name].AsSpan();
        var strings = new List<string>();
        while (bytes.Length > 0)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            strings.Add(Encoding.UTF8.GetString(bytes.Slice(4, length)));
            bytes = bytes[(4 + length)..];
        }

        return [.. strings];
    }
}
