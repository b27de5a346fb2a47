using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// Writes small ONNX models (a ModelProto, field numbers from onnx/onnx.proto) for element types the shipped models
/// lack. IR version 8 with opset 17: Identity and Cast take BF16 only from opset 13. A dimension of -1 is written as
/// the symbolic "N", which ONNX Runtime reports as -1.
/// </summary>
internal sealed class OnnxModelBuilder
{
    private const int IrVersion = 8;
    private const int Opset = 17;

    // AttributeProto.AttributeType.INT
    private const int IntAttribute = 2;

    private readonly List<Action<ProtoWriter>> _graph = [];

    /// <summary>A graph input; <see cref="TensorElementType"/>'s values are ONNX's TensorProto.DataType numbers.</summary>
    public OnnxModelBuilder Input(string name, TensorElementType type, params long[] shape)
    {
        _graph.Add(g => g.Message(11, v => ValueInfo(v, name, type, shape)));
        return this;
    }

    public OnnxModelBuilder Output(string name, TensorElementType type, params long[] shape)
    {
        _graph.Add(g => g.Message(12, v => ValueInfo(v, name, type, shape)));
        return this;
    }

    /// <summary>A node with one input, one output and integer attributes, e.g. Cast with ("to", 1).</summary>
    public OnnxModelBuilder Node(string opType, string input, string output, params (string Name, long Value)[] attributes)
    {
        _graph.Add(g => g.Message(1, n =>
        {
            n.String(1, input).String(2, output).String(3, $"{opType.ToLowerInvariant()}_0").String(4, opType);
            foreach (var (name, value) in attributes)
            {
                n.Message(5, a => a.String(1, name).Int(3, value).Int(20, IntAttribute));
            }
        }));
        return this;
    }

    /// <summary>x → Identity → y, both of <paramref name="type"/> and shape [-1, <paramref name="width"/>].</summary>
    public static byte[] Identity(TensorElementType type, long width) => new OnnxModelBuilder()
        .Input("x", type, -1, width)
        .Node("Identity", "x", "y")
        .Output("y", type, -1, width)
        .Build();

    /// <summary>x of <paramref name="from"/> → Cast → y of <paramref name="to"/>, shape [-1, <paramref name="width"/>].</summary>
    public static byte[] Cast(TensorElementType from, TensorElementType to, long width) => new OnnxModelBuilder()
        .Input("x", from, -1, width)
        .Node("Cast", "x", "y", ("to", (long)to))
        .Output("y", to, -1, width)
        .Build();

    public byte[] Build() => new ProtoWriter()
        .Int(1, IrVersion)
        .String(2, "Reconciler.Inference.Tests")
        .Message(7, g =>
        {
            g.String(2, "test");
            foreach (var part in _graph)
            {
                part(g);
            }
        })
        .Message(8, o => o.String(1, string.Empty).Int(2, Opset))
        .ToArray();

    private static void ValueInfo(ProtoWriter value, string name, TensorElementType type, long[] shape) =>
        value.String(1, name).Message(2, t => t.Message(1, tensor => tensor
            .Int(1, (int)type)
            .Message(2, s =>
            {
                foreach (var d in shape)
                {
                    s.Message(1, dim =>
                    {
                        if (d < 0)
                        {
                            dim.String(2, "N");
                        }
                        else
                        {
                            dim.Int(1, d);
                        }
                    });
                }
            })));
}
