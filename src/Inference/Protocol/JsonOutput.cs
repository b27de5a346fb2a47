using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Inference.Protocol;

/// <summary>Writer options for every response body.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// Relaxed escaping: bodies are served as application/json, never embedded in HTML, so quotes and angle brackets
    /// in error messages stay readable instead of becoming \u0027.
    /// </summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
