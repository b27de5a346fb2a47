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

    /// <summary>Whether this server can read and write tensors of the type.</summary>
    public static bool IsSupported(TensorElementType type) =>
        type is not (TensorElementType.Complex64 or TensorElementType.Complex128 or TensorElementType.DataTypeMax)
        && (int)type != 0;

    /// <summary>
    /// Bytes per element in the binary tensor data extension (the type's native size, BOOL one byte); -1 for BYTES,
    /// whose elements are length-prefixed.
    /// </summary>
    public static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Bool or TensorElementType.UInt8 or TensorElementType.Int8 => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.UInt32 or TensorElementType.Int32 or TensorElementType.Float => 4,
        TensorElementType.UInt64 or TensorElementType.Int64 or TensorElementType.Double => 8,
        _ => -1,
    };

    /// <summary>
    /// The largest magnitude of the float types, for the message that refuses a JSON number they cannot hold
    /// (their readers refuse a number for nothing else); null for every other type, whose refusals keep the general
    /// "not a valid" message.
    /// </summary>
    public static string? NarrowRange(TensorElementType type) => type switch
    {
        TensorElementType.Float => "±3.4028235E+38",
        TensorElementType.Double => "±1.7976931348623157E+308",
        TensorElementType.Float16 => "±65504",
        TensorElementType.BFloat16 => "±3.3895314E+38",
        _ => null,
    };
}
