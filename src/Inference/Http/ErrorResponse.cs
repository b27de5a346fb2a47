using System.Text.Json;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Http;

/// <summary>Writes the protocol's error body, {"error": "..."}.</summary>
internal static class ErrorResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonOutput.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("error"u8, message);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
