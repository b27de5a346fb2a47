using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Reconciler.Inference.Lambda;

/// <summary>
/// The Lambda runtime API as AWS documents it for custom runtimes (provided.al2023): GET invocation/next, then POST
/// invocation/{id}/response or invocation/{id}/error; init/error when start-up fails.
/// </summary>
internal sealed class LambdaRuntimeClient(HttpClient http, string runtimeApi)
{
    private readonly string _base = $"http://{runtimeApi}/2018-06-01/runtime";

    /// <summary>Waits for the next event; the call blocks until Lambda has one, so it has no timeout of its own.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"{_base}/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The runtime API gave an invocation without Lambda-Runtime-Aws-Request-Id.");
        DateTimeOffset? deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new LambdaInvocation(requestId, body, Header(response, "Lambda-Runtime-Trace-Id"), deadline);
    }

    public async Task RespondAsync(string requestId, byte[] payload, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync($"{_base}/invocation/{requestId}/response", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task ReportInvocationErrorAsync(string requestId, string errorType, string message, CancellationToken cancellationToken) =>
        PostErrorAsync($"{_base}/invocation/{requestId}/error", errorType, message, cancellationToken);

    public Task ReportInitErrorAsync(string errorType, string message, CancellationToken cancellationToken) =>
        PostErrorAsync($"{_base}/init/error", errorType, message, cancellationToken);

    private async Task PostErrorAsync(string url, string errorType, string message, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["errorMessage"] = message,
            ["errorType"] = errorType,
            ["stackTrace"] = Array.Empty<string>(),
        });
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
