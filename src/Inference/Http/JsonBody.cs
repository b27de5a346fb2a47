using System.Text.Json;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Http;

/// <summary>Writes a small JSON response body.</summary>
internal static class JsonBody
{
    public static async Task WriteAsync<TState>(HttpContext context, int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonOutput.Options))
        {
            write(writer, state);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
