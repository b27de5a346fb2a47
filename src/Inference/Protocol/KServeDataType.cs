using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Protocol;

/// <summary>The Open Inference Protocol's datatype names and their ONNX element types.</summary>
internal static class KServeDataType
{
    /// <summary>The protocol name of an ONNX element type, e.g. Float → "FP32".</summary>
    public static string FromOnnx(TensorElementType type) => type switch
    {
        TensorElementType.Bool => "BOOL",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Float16 => "FP16",
        TensorElementType.BFloat16 => "BF16",
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.String => "BYTES",
        _ => type.ToString().ToUpperInvariant(),
    };

    /// <summary>Whether this server can read and write tensors of the type as JSON.</summary>
    public static bool IsSupported(TensorElementType type) =>
        type is not (TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Complex64
            or TensorElementType.Complex128 or TensorElementType.DataTypeMax)
        && (int)type != 0;
}
