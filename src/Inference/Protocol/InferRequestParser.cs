using System.Text;
using System.Text.Json;

namespace Reconciler.Inference.Protocol;

/// <summary>
/// Reads an Open Inference Protocol request with <see cref="Utf8JsonReader"/>, writing tensor data straight into
/// pooled buffers. Every refusal says which input, which field and what the model expects.
/// </summary>
internal static class InferRequestParser
{
    /// <summary>Parses <paramref name="json"/> for <paramref name="model"/>; throws <see cref="ProtocolException"/> on any client mistake.</summary>
    public static InferRequest Parse(ReadOnlySpan<byte> json, string modelName, ModelSignature model, int maxItems) =>
        Parse(json, binaryBytes: 0, modelName, model, maxItems);

    /// <summary>
    /// Parses the JSON header of a request that carries <paramref name="binaryBytes"/> of raw tensor data after it (the
    /// binary tensor data extension: inputs with "parameters": {"binary_data_size": n} and no "data"). Their buffers
    /// are rented and listed in <see cref="InferRequest.PendingBinary"/>, in order, for the caller to fill from the body.
    /// </summary>
    public static InferRequest Parse(ReadOnlySpan<byte> json, long binaryBytes, string modelName, ModelSignature model, int maxItems)
    {
        var request = new InferRequest();
        var context = new ParseContext(modelName, model, maxItems, json.Length + binaryBytes);
        long binaryOffset = 0;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw ProtocolException.BadRequest("the request body must be a JSON object with an \"inputs\" array");
            }

            var sawInputs = false;
            List<RequestedOutput>? outputs = null;
            var binaryDataOutput = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("inputs"u8))
                {
                    reader.Read();
                    ParseInputs(ref reader, context, request, binaryBytes, ref binaryOffset);
                    sawInputs = true;
                }
                else if (reader.ValueTextEquals("outputs"u8))
                {
                    reader.Read();
                    outputs = ParseOutputs(ref reader, context);
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    binaryDataOutput = ReadBinaryDataOutput(ref reader);
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    request.Id = reader.TokenType == JsonTokenType.String
                        ? reader.GetString()
                        : throw ProtocolException.BadRequest("\"id\" must be a string");
                }
                else
                {
                    // Extension fields this server does not know do not change how it runs a model.
                    reader.Skip();
                }
            }

            // A trailing second value ("{}{}") makes the reader throw here, which is reported as malformed JSON.
            if (reader.Read())
            {
                throw ProtocolException.BadRequest("the request body has content after the JSON object");
            }

            if (!sawInputs)
            {
                throw ProtocolException.BadRequest($"the request has no \"inputs\"; model '{modelName}' takes: {InputList(model)}");
            }

            if (binaryOffset != binaryBytes)
            {
                throw ProtocolException.BadRequest($"the request carries {binaryBytes} bytes of binary tensor data but its inputs' binary_data_size add up to {binaryOffset}");
            }

            Complete(request, context);
            request.RequestedOutputs = outputs?.ConvertAll(o => o.Name);
            request.BinaryOutputs = BinaryOutputs(outputs, binaryDataOutput, context.Model);
            return request;
        }
        catch (JsonException ex)
        {
            request.Dispose();
            throw new ProtocolException(400, $"malformed JSON: {ex.Message}");
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private static void ParseInputs(ref Utf8JsonReader reader, ParseContext context, InferRequest request, long binaryBytes, ref long binaryOffset)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ProtocolException.BadRequest("\"inputs\" must be an array of tensors");
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var input = ParseInput(ref reader, context, index++, binaryBytes, ref binaryOffset, out var binarySize);
            request.Inputs.Add(input);
            if (binarySize > 0)
            {
                request.PendingBinary.Add(input);
            }
        }
    }

    private static InferInput ParseInput(ref Utf8JsonReader reader, ParseContext context, int index, long binaryBytes, ref long binaryOffset, out long binaryTaken)
    {
        binaryTaken = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ProtocolException.BadRequest($"inputs[{index}] must be an object with name, shape, datatype and data");
        }

        string? name = null;
        string? datatype = null;
        long[]? shape = null;
        TensorSpec? spec = null;
        TensorBuffer? buffer = null;
        var deferred = default(Utf8JsonReader);
        var hasDeferred = false;
        long? binarySize = null;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = ReadString(ref reader, $"inputs[{index}].name");
                }
                else if (reader.ValueTextEquals("datatype"u8))
                {
                    reader.Read();
                    datatype = ReadString(ref reader, $"inputs[{index}].datatype");
                }
                else if (reader.ValueTextEquals("shape"u8))
                {
                    reader.Read();
                    shape = ReadShape(ref reader, name ?? $"inputs[{index}]");
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    if (buffer is not null || hasDeferred)
                    {
                        throw ProtocolException.BadRequest($"input '{name ?? $"inputs[{index}]"}' has \"data\" twice");
                    }

                    if (name is not null && datatype is not null && shape is not null)
                    {
                        // The usual order (name, shape, datatype, data): parse straight into the buffer.
                        spec = Check(context, name, datatype, shape);
                        buffer = TensorBuffer.Rent(spec.ElementType, checked((int)ElementCount(shape)));
                        reader.Read();
                        ReadData(ref reader, buffer, spec, shape);
                    }
                    else
                    {
                        // Data before its shape or type: remember where it is, come back once the header is known.
                        deferred = reader;
                        hasDeferred = true;
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    binarySize = ReadBinarySize(ref reader, name ?? $"inputs[{index}]");
                }
                else
                {
                    reader.Skip();
                }
            }

            if (name is null)
            {
                throw ProtocolException.BadRequest($"inputs[{index}] has no \"name\"; model '{context.ModelName}' takes: {InputList(context.Model)}");
            }

            if (datatype is null)
            {
                throw ProtocolException.BadRequest($"input '{name}' has no \"datatype\"");
            }

            if (shape is null)
            {
                throw ProtocolException.BadRequest($"input '{name}' has no \"shape\"");
            }

            if (binarySize is { } size)
            {
                if (buffer is not null || hasDeferred)
                {
                    throw ProtocolException.BadRequest($"input '{name}' has both \"data\" and binary_data_size; send one");
                }

                spec = Check(context, name, datatype, shape);
                buffer = TensorBuffer.Rent(spec.ElementType, checked((int)ElementCount(shape)));
                if (size != buffer.ByteLength)
                {
                    throw ProtocolException.BadRequest(buffer.ByteLength < 0
                        ? $"input '{name}' is {spec.DataType}, which this server reads only as JSON data"
                        : $"input '{name}' has binary_data_size {size} but shape {ShapeFormat.Format(shape)} of {spec.DataType} needs {buffer.ByteLength} bytes");
                }

                if (binaryOffset + size > binaryBytes)
                {
                    throw ProtocolException.BadRequest($"input '{name}' needs {size} bytes of binary data but only {binaryBytes - binaryOffset} are left in the request");
                }

                binaryOffset += size;
                binaryTaken = size;
            }

            if (buffer is null)
            {
                if (!hasDeferred)
                {
                    throw ProtocolException.BadRequest($"input '{name}' has no \"data\"");
                }

                spec = Check(context, name, datatype, shape);
                buffer = TensorBuffer.Rent(spec.ElementType, checked((int)ElementCount(shape)));
                deferred.Read();
                ReadData(ref deferred, buffer, spec, shape);
            }

            return new InferInput(spec!, shape, buffer);
        }
        catch
        {
            buffer?.Dispose();
            throw;
        }
    }

    /// <summary>The header checks, all before any element is read: name, datatype, rank and fixed dimensions, batch limit, size.</summary>
    private static TensorSpec Check(ParseContext context, string name, string datatype, long[] shape)
    {
        var spec = context.Model.FindInput(name)
            ?? throw ProtocolException.BadRequest($"unknown input '{name}'; model '{context.ModelName}' takes: {InputList(context.Model)}");
        if (datatype != spec.DataType)
        {
            throw ProtocolException.BadRequest($"input '{name}' has datatype {datatype} but the model expects {spec.DataType}");
        }

        if (!KServeDataType.IsSupported(spec.ElementType))
        {
            throw ProtocolException.BadRequest($"input '{name}' has datatype {datatype}, which this server does not support");
        }

        if (shape.Length > 0 && shape[0] == 0)
        {
            throw ProtocolException.BadRequest($"input '{name}' has an empty batch (shape {ShapeFormat.Format(shape)}); send at least one item");
        }

        if (shape.Length > 0 && shape[0] > context.MaxItems)
        {
            throw ProtocolException.BadRequest(
                $"batch of {shape[0]} items exceeds the limit of {context.MaxItems} items per request; split it into requests of at most {context.MaxItems}");
        }

        if (!ShapeFits(spec.Shape, shape, context.Model.OneItemPerRun))
        {
            throw ProtocolException.BadRequest($"input '{name}' has shape {ShapeFormat.Format(shape)} but the model expects {spec.ShapeText}");
        }

        // Every element needs at least two bytes of JSON ("0,"), so a larger count cannot be genuine.
        var elements = ElementCount(shape);
        if (elements > context.BodyLength / 2 + 1)
        {
            throw ProtocolException.BadRequest($"input '{name}' has shape {ShapeFormat.Format(shape)} ({elements} elements), more than the request body carries");
        }

        return spec;
    }

    private static bool ShapeFits(long[] expected, long[] actual, bool oneItemPerRun)
    {
        if (expected.Length != actual.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var any = expected[i] < 0 || (i == 0 && oneItemPerRun);
            if (!any && expected[i] != actual[i])
            {
                return false;
            }
        }

        return true;
    }

    private static long ElementCount(long[] shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            count = d == 0 ? 0 : (count > long.MaxValue / d ? long.MaxValue : count * d);
        }

        return count;
    }

    private static long? ReadBinarySize(ref Utf8JsonReader reader, string input)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ProtocolException.BadRequest($"input '{input}' \"parameters\" must be an object");
        }

        long? size = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("binary_data_size"u8))
            {
                reader.Read();
                size = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && n >= 0
                    ? n
                    : throw ProtocolException.BadRequest($"input '{input}' binary_data_size must be a non-negative integer");
            }
            else
            {
                reader.Skip();
            }
        }

        return size;
    }

    private static long[] ReadShape(ref Utf8JsonReader reader, string input)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ProtocolException.BadRequest($"input '{input}' \"shape\" must be an array of non-negative integers");
        }

        Span<long> dims = stackalloc long[16];
        var rank = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var d) || d < 0 || rank == dims.Length)
            {
                throw ProtocolException.BadRequest($"input '{input}' \"shape\" must be an array of at most 16 non-negative integers");
            }

            dims[rank++] = d;
        }

        return dims[..rank].ToArray();
    }

    private static void ReadData(ref Utf8JsonReader reader, TensorBuffer buffer, TensorSpec spec, long[] shape)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ProtocolException.BadRequest($"input '{spec.Name}' \"data\" must be an array (flat or nested) of {spec.DataType} values");
        }

        // Nested arrays are accepted and flattened in row-major order, as the protocol allows.
        var depth = 0;
        var count = 0;
        var length = buffer.Length;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.StartArray)
            {
                depth++;
                continue;
            }

            if (token == JsonTokenType.EndArray)
            {
                if (depth-- == 0)
                {
                    break;
                }

                continue;
            }

            if (token is JsonTokenType.StartObject or JsonTokenType.Null || (count < length && !buffer.TryRead(ref reader, count)))
            {
                throw ProtocolException.BadRequest(Refused(ref reader, spec, count));
            }

            count++;
        }

        if (count != length)
        {
            throw ProtocolException.BadRequest($"input '{spec.Name}' has {count} values but shape {ShapeFormat.Format(shape)} needs {length}");
        }
    }

    private static List<RequestedOutput> ParseOutputs(ref Utf8JsonReader reader, ParseContext context)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ProtocolException.BadRequest("\"outputs\" must be an array of objects with a \"name\"");
        }

        var outputs = new List<RequestedOutput>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw ProtocolException.BadRequest("\"outputs\" must be an array of objects with a \"name\"");
            }

            string? name = null;
            bool? binaryData = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = ReadString(ref reader, "outputs[].name");
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    binaryData = ReadBooleanParameter(ref reader, "binary_data"u8, $"outputs[{outputs.Count}]");
                }
                else
                {
                    reader.Skip();
                }
            }

            if (name is null)
            {
                throw ProtocolException.BadRequest("an entry of \"outputs\" has no \"name\"");
            }

            if (context.Model.FindOutput(name) is null)
            {
                throw ProtocolException.BadRequest($"unknown output '{name}'; model '{context.ModelName}' gives: {string.Join(", ", context.Model.Outputs.Select(o => o.Name))}");
            }

            outputs.Add(new RequestedOutput(name, binaryData));
        }

        return outputs;
    }

    /// <summary>The request's "parameters": only binary_data_output changes what this server does.</summary>
    private static bool ReadBinaryDataOutput(ref Utf8JsonReader reader) =>
        ReadBooleanParameter(ref reader, "binary_data_output"u8, "the request") ?? false;

    /// <summary>Reads a "parameters" object, returning the boolean <paramref name="name"/> (null when absent) and skipping the rest.</summary>
    private static bool? ReadBooleanParameter(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, string owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ProtocolException.BadRequest($"\"parameters\" of {owner} must be an object");
        }

        bool? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                reader.Read();
                value = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw ProtocolException.BadRequest($"parameter {Encoding.UTF8.GetString(name)} of {owner} must be true or false"),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }

    /// <summary>
    /// The outputs to answer as binary data (the binary tensor data extension): an output's own "binary_data" decides
    /// for it, otherwise the request's "binary_data_output" does; null when every output is answered as JSON.
    /// </summary>
    private static HashSet<string>? BinaryOutputs(List<RequestedOutput>? outputs, bool binaryDataOutput, ModelSignature model)
    {
        HashSet<string>? binary = null;
        if (outputs is null)
        {
            return binaryDataOutput ? model.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal) : null;
        }

        foreach (var output in outputs)
        {
            if (output.BinaryData ?? binaryDataOutput)
            {
                (binary ??= new HashSet<string>(StringComparer.Ordinal)).Add(output.Name);
            }
        }

        return binary;
    }

    private static void Complete(InferRequest request, ParseContext context)
    {
        var ordered = new List<InferInput>(request.Inputs.Count);
        foreach (var spec in context.Model.Inputs)
        {
            InferInput? found = null;
            foreach (var input in request.Inputs)
            {
                if (input.Spec.Name != spec.Name)
                {
                    continue;
                }

                if (found is not null)
                {
                    throw ProtocolException.BadRequest($"input '{spec.Name}' appears twice");
                }

                found = input;
            }

            ordered.Add(found ?? throw ProtocolException.BadRequest($"missing input '{spec.Name}' ({spec.DataType} {spec.ShapeText}); model '{context.ModelName}' takes: {InputList(context.Model)}"));
        }

        if (context.Model.OneItemPerRun && ordered.Select(i => i.Items).Distinct().Count() > 1)
        {
            throw ProtocolException.BadRequest("all inputs must have the same batch size (first dimension)");
        }

        request.Inputs.Clear();
        request.Inputs.AddRange(ordered);
    }

    private static string ReadString(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw ProtocolException.BadRequest($"{field} must be a string");

    /// <summary>
    /// Why element <paramref name="index"/> was refused. The KServe specification does not say what to do with a
    /// number a float type cannot hold; it is refused (not turned into infinity) so a client learns of the overflow.
    /// </summary>
    private static string Refused(ref Utf8JsonReader reader, TensorSpec spec, int index) =>
        reader.TokenType == JsonTokenType.Number && KServeDataType.NarrowRange(spec.ElementType) is { } range
            ? $"value {TokenText(ref reader)} at index {index} of input '{spec.Name}' is outside {spec.DataType}'s range ({range})"
            : $"input '{spec.Name}' value {index} ({TokenText(ref reader)}) is not a valid {spec.DataType}";

    private static string TokenText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return "an object";
        }

        var span = reader.ValueSpan;
        var text = Encoding.UTF8.GetString(span[..Math.Min(span.Length, 32)]);
        return reader.TokenType == JsonTokenType.String ? $"\"{text}\"" : text;
    }

    private static string InputList(ModelSignature model) =>
        string.Join(", ", model.Inputs.Select(i => $"{i.Name} ({i.DataType} {i.ShapeText})"));
}
