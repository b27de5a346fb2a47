using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime.Tensors;
using Reconciler.Inference.Protocol;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference.Models;

/// <summary>
/// Runs a model once with a known input through the same parser and runner as live requests, and compares the
/// answer with the known output. A model that loads but answers wrongly (a bad export, a wrong file) is never ready.
/// </summary>
/// <remarks>
/// The warm-up file is { "inputs": [ protocol inputs, where "fill": x may stand for data of one repeated value ],
/// "expected": [ { "name", "data" } ], "tolerance": absolute-or-relative for floats }.
/// Without a file, zeros are run and only finite outputs of the declared shapes are required.
/// </remarks>
internal static class WarmupCheck
{
    public static void Run(LoadedModel model, string? warmupPath, InferenceRunner runner)
    {
        byte[] requestJson;
        List<(string Name, JsonElement Data)>? expected = null;
        var tolerance = 1e-4;
        JsonDocument? document = null;
        try
        {
            if (warmupPath is null)
            {
                requestJson = SyntheticRequest(model.Signature);
            }
            else
            {
                document = JsonDocument.Parse(File.ReadAllBytes(FileModelSource.Resolve(warmupPath)));
                var root = document.RootElement;
                requestJson = BuildRequest(root.GetProperty("inputs"));
                expected = root.GetProperty("expected").EnumerateArray()
                    .Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("data"))).ToList();
                if (root.TryGetProperty("tolerance", out var t))
                {
                    tolerance = t.GetDouble();
                }
            }

            using var request = InferRequestParser.Parse(requestJson, model.Name, model.Signature, int.MaxValue);
            using var result = runner.Run(model, request);
            if (expected is null)
            {
                RequireFinite(model, result);
                return;
            }

            foreach (var (name, data) in expected)
            {
                var output = result.Outputs.FirstOrDefault(o => o.Name == name)
                    ?? throw new ModelIntegrityException($"warm-up of model '{model.Name}' version '{model.Version}': the model has no output '{name}'");
                Compare(model, output, data, tolerance);
            }
        }
        catch (ProtocolException ex)
        {
            throw new ModelIntegrityException($"warm-up case of model '{model.Name}' version '{model.Version}' does not fit the model: {ex.Message}", ex);
        }
        finally
        {
            document?.Dispose();
        }
    }

    private static void Compare(LoadedModel model, OutputTensor output, JsonElement expected, double tolerance)
    {
        var want = expected.EnumerateArray().ToArray();
        if (want.Length != output.ElementCount)
        {
            throw Mismatch(model, $"output '{output.Name}' has {output.ElementCount} values where {want.Length} were expected");
        }

        if (output.Value.GetTensorTypeAndShape().ElementDataType == TensorElementType.String)
        {
            for (var i = 0; i < want.Length; i++)
            {
                var got = output.Value.GetStringElement(output.ElementStart + i);
                if (got != want[i].GetString())
                {
                    throw Mismatch(model, $"output '{output.Name}'[{i}] is \"{got}\" where \"{want[i].GetString()}\" was expected");
                }
            }

            return;
        }

        var values = OutputValues.AsDoubles(output);
        for (var i = 0; i < want.Length; i++)
        {
            var w = want[i].GetDouble();
            if (!(Math.Abs(values[i] - w) <= tolerance * Math.Max(1, Math.Abs(w))))
            {
                throw Mismatch(model, $"output '{output.Name}'[{i}] is {values[i].ToString("R", CultureInfo.InvariantCulture)} where {w.ToString("R", CultureInfo.InvariantCulture)} was expected");
            }
        }
    }

    private static void RequireFinite(LoadedModel model, InferResult result)
    {
        foreach (var output in result.Outputs)
        {
            if (output.Value.GetTensorTypeAndShape().ElementDataType is TensorElementType.String)
            {
                continue;
            }

            if (OutputValues.AsDoubles(output).Any(v => !double.IsFinite(v)))
            {
                throw Mismatch(model, $"output '{output.Name}' is not finite for an all-zero input");
            }
        }
    }

    private static ModelIntegrityException Mismatch(LoadedModel model, string what) =>
        new($"warm-up of model '{model.Name}' version '{model.Version}' failed: {what}");

    private static byte[] BuildRequest(JsonElement inputs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var input in inputs.EnumerateArray())
            {
                writer.WriteStartObject();
                foreach (var property in input.EnumerateObject())
                {
                    if (property.NameEquals("fill"))
                    {
                        var count = input.GetProperty("shape").EnumerateArray().Aggregate(1L, (a, d) => a * d.GetInt64());
                        writer.WriteStartArray("data");
                        for (long i = 0; i < count; i++)
                        {
                            property.Value.WriteTo(writer);
                        }

                        writer.WriteEndArray();
                    }
                    else
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] SyntheticRequest(ModelSignature signature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var input in signature.Inputs)
            {
                var shape = input.Shape.Select(d => d < 0 ? 1 : d).ToArray();
                writer.WriteStartObject();
                writer.WriteString("name", input.Name);
                writer.WriteString("datatype", input.DataType);
                writer.WriteStartArray("shape");
                foreach (var d in shape)
                {
                    writer.WriteNumberValue(d);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data");
                for (long i = 0, n = shape.Aggregate(1L, (a, d) => a * d); i < n; i++)
                {
                    switch (input.ElementType)
                    {
                        case TensorElementType.Bool:
                            writer.WriteBooleanValue(false);
                            break;
                        case TensorElementType.String:
                            writer.WriteStringValue(string.Empty);
                            break;
                        default:
                            writer.WriteNumberValue(0);
                            break;
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
