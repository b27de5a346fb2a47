using System.Reflection;
using System.Text.Json;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Http;

/// <summary>Health, server metadata, model metadata and model readiness routes of the protocol.</summary>
internal sealed class MetadataHandler(ModelRepository models, ApiKeyStore keys)
{
    private static readonly string ServerVersion =
        typeof(MetadataHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public Task LiveAsync(HttpContext context) =>
        JsonBody.WriteAsync(context, StatusCodes.Status200OK, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteBoolean("live", true);
            w.WriteEndObject();
        });

    /// <summary>
    /// 200 when every model passed its warm-up and the accepted API keys are loaded; 400 (the protocol's "4xx means
    /// false") with the reasons otherwise.
    /// </summary>
    public Task ReadyAsync(HttpContext context)
    {
        var keysNotReady = keys.NotReadyReason;
        if (models.AllReady && keysNotReady is null)
        {
            return JsonBody.WriteAsync(context, StatusCodes.Status200OK, 0, static (w, _) =>
            {
                w.WriteStartObject();
                w.WriteBoolean("ready", true);
                w.WriteEndObject();
            });
        }

        var waiting = models.Entries.Where(e => e.Status != ModelStatus.Ready).Select(e => $"'{e.Name}' version '{e.Version}' {e.NotReadyReason}");
        if (keysNotReady is not null)
        {
            waiting = waiting.Append(keysNotReady);
        }

        return ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "not ready: " + string.Join("; ", waiting));
    }

    public Task ServerMetadataAsync(HttpContext context) =>
        JsonBody.WriteAsync(context, StatusCodes.Status200OK, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("name", "reconciler-inference");
            w.WriteString("version", ServerVersion);
            w.WriteStartArray("extensions");
            w.WriteStringValue("binary_tensor_data");
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public Task ModelMetadataAsync(HttpContext context, string name, string? version)
    {
        var entry = models.Find(name, version);
        if (entry is null)
        {
            return ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, NotServed(models, name, version));
        }

        ModelHeaders.Set(context, entry);
        if (entry.Model is not { } model)
        {
            return ErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"model '{entry.Name}' version '{entry.Version}' is not ready: {entry.NotReadyReason}");
        }

        return JsonBody.WriteAsync(context, StatusCodes.Status200OK, (model, Versions: models.VersionsOf(name).ToArray()), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("name", s.model.Name);
            w.WriteString("version", s.model.Version);
            w.WriteStartArray("versions");
            foreach (var v in s.Versions)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            w.WriteString("platform", "onnxruntime_onnx");
            WriteTensors(w, "inputs", s.model.Signature.Inputs);
            WriteTensors(w, "outputs", s.model.Signature.Outputs);
            w.WriteEndObject();
        });
    }

    public Task ModelReadyAsync(HttpContext context, string name, string? version)
    {
        var entry = models.Find(name, version);
        if (entry is null)
        {
            return ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, NotServed(models, name, version));
        }

        ModelHeaders.Set(context, entry);
        if (entry.Status != ModelStatus.Ready)
        {
            return ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"model '{entry.Name}' version '{entry.Version}' is not ready: {entry.NotReadyReason}");
        }

        return JsonBody.WriteAsync(context, StatusCodes.Status200OK, entry, static (w, e) =>
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            w.WriteString("version", e.Version);
            w.WriteBoolean("ready", true);
            w.WriteEndObject();
        });
    }

    /// <summary>The 404 message, listing what is served so the caller can correct the route.</summary>
    public static string NotServed(ModelRepository models, string name, string? version)
    {
        var served = string.Join(", ", models.Entries.GroupBy(e => e.Name).Select(g => $"{g.Key} (versions {string.Join(", ", g.Select(e => e.Version))})"));
        return version is null
            ? $"model '{name}' is not served here; served: {served}"
            : $"model '{name}' version '{version}' is not served here; served: {served}";
    }

    private static void WriteTensors(Utf8JsonWriter w, string property, IReadOnlyList<TensorSpec> tensors)
    {
        w.WriteStartArray(property);
        foreach (var t in tensors)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteString("datatype", t.DataType);
            w.WriteStartArray("shape");
            foreach (var d in t.Shape)
            {
                w.WriteNumberValue(d);
            }

            w.WriteEndArray();
            if (t.Labels is { } labels)
            {
                // Which class each position of the last dimension is, e.g. each score of a classifier.
                w.WriteStartObject("parameters");
                w.WriteStartArray("labels");
                foreach (var label in labels)
                {
                    w.WriteStringValue(label);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
