using System.Buffers;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference.Protocol;

/// <summary>Writes the inference response JSON straight from ONNX Runtime's output memory into the response buffer.</summary>
internal static class InferResponseWriter
{
    private static readonly JsonWriterOptions Options = JsonOutput.Options with { SkipValidation = true };

    /// <summary>
    /// Writes the response object. <paramref name="binarySizes"/> (empty, or one entry per output) gives the byte size
    /// of each output sent as binary data after the JSON, which then carries "binary_data_size" instead of "data";
    /// -1 marks an output written as JSON.
    /// </summary>
    public static void Write(
        IBufferWriter<byte> destination, string modelName, string modelVersion, string? id, IReadOnlyList<OutputTensor> outputs, ReadOnlySpan<long> binarySizes = default)
    {
        using var writer = new Utf8JsonWriter(destination, Options);
        writer.WriteStartObject();
        writer.WriteString("model_name"u8, modelName);
        writer.WriteString("model_version"u8, modelVersion);
        if (id is not null)
        {
            writer.WriteString("id"u8, id);
        }

        writer.WriteStartArray("outputs"u8);
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            var type = output.Value.GetTensorTypeAndShape().ElementDataType;
            writer.WriteStartObject();
            writer.WriteString("name"u8, output.Name);
            writer.WriteString("datatype"u8, KServeDataType.FromOnnx(type));
            writer.WriteStartArray("shape"u8);
            foreach (var d in output.Shape)
            {
                writer.WriteNumberValue(d);
            }

            writer.WriteEndArray();
            if (i < binarySizes.Length && binarySizes[i] >= 0)
            {
                writer.WriteStartObject("parameters"u8);
                writer.WriteNumber("binary_data_size"u8, binarySizes[i]);
                writer.WriteEndObject();
            }
            else
            {
                writer.WritePropertyName("data"u8);
                WriteData(writer, output, type);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter writer, OutputTensor output, TensorElementType type)
    {
        var value = output.Value;
        var (start, count) = (output.ElementStart, output.ElementCount);
        writer.WriteStartArray();
        switch (type)
        {
            case TensorElementType.Float:
                foreach (var v in value.GetTensorDataAsSpan<float>().Slice(start, count))
                {
                    WriteFloat(writer, v);
                }

                break;
            case TensorElementType.Float16:
                // The half value widened to float32 (exact), written as the shortest text that reads back to it.
                foreach (var v in value.GetTensorDataAsSpan<Float16>().Slice(start, count))
                {
                    WriteFloat(writer, v.ToFloat());
                }

                break;
            case TensorElementType.BFloat16:
                foreach (var v in value.GetTensorDataAsSpan<BFloat16>().Slice(start, count))
                {
                    WriteFloat(writer, v.ToFloat());
                }

                break;
            case TensorElementType.Double:
                foreach (var v in value.GetTensorDataAsSpan<double>().Slice(start, count))
                {
                    WriteDouble(writer, v);
                }

                break;
            case TensorElementType.Int64:
                foreach (var v in value.GetTensorDataAsSpan<long>().Slice(start, count))
                {
                    writer.WriteNumberValue(v);
                }

                break;
            case TensorElementType.Int32:
                foreach (var v in value.GetTensorDataAsSpan<int>().Slice(start, count))
                {
                    writer.WriteNumberValue(v);
                }

                break;
            case TensorElementType.Bool:
                foreach (var v in value.GetTensorDataAsSpan<bool>().Slice(start, count))
                {
                    writer.WriteBooleanValue(v);
                }

                break;
            case TensorElementType.String:
                for (var i = 0; i < count; i++)
                {
                    writer.WriteStringValue(value.GetStringElement(start + i));
                }

                break;
            default:
                foreach (var v in OutputValues.AsDoubles(output))
                {
                    WriteDouble(writer, v);
                }

                break;
        }

        writer.WriteEndArray();
    }

    // JSON has no NaN or infinity; they are written as strings, as most protocol clients read them.
    private static void WriteFloat(Utf8JsonWriter writer, float v)
    {
        if (float.IsFinite(v))
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteStringValue(float.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double v)
    {
        if (double.IsFinite(v))
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }
}
