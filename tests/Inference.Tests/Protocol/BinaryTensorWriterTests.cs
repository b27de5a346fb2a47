using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Protocol;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference.Tests.Protocol;

/// <summary>Outputs in the binary extension's layout, including the row ranges a batched run hands each caller.</summary>
public sealed class BinaryTensorWriterTests
{
    [Fact]
    public void Write_RowsOfAFloatOutput_AreTheirLittleEndianBytes()
    {
        float[] values = [1, 2, 3, 4, 5, 6, 7, 8];
        using var value = OrtValue.CreateTensorValueFromMemory(values, [4, 2]);
        var rows = new OutputTensor("y", value, [2, 2], ElementStart: 2, ElementCount: 4);

        var written = Write(rows);

        Assert.Equal(16, BinaryTensorWriter.ByteLength(rows));
        Assert.Equal(MemoryMarshal.AsBytes(values.AsSpan(2, 4)).ToArray(), written);
    }

    [Fact]
    public void Write_BytesOutput_PrefixesEachElementWithItsLength()
    {
        using var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, [3]);
        string[] words = ["Adelie", "", "Gentoo é"];
        for (var i = 0; i < words.Length; i++)
        {
            value.StringTensorSetElementAt(words[i].AsSpan(), i);
        }

        var tail = new OutputTensor("label", value, [2], ElementStart: 1, ElementCount: 2);

        var written = Write(tail);

        var gentoo = Encoding.UTF8.GetBytes("Gentoo é");
        Assert.Equal(4 + 4 + gentoo.Length, BinaryTensorWriter.ByteLength(tail));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(written));
        Assert.Equal((uint)gentoo.Length, BinaryPrimitives.ReadUInt32LittleEndian(written.AsSpan(4)));
        Assert.Equal(gentoo, written[8..]);
    }

    private static byte[] Write(OutputTensor output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        BinaryTensorWriter.Write(buffer, output);
        return buffer.WrittenSpan.ToArray();
    }
}
