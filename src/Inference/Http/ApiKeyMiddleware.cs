using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Http;

/// <summary>
/// Lets requests to routes marked <see cref="RequiresApiKey"/> through only with a valid key, read from
/// "x-api-key" or "Authorization: Bearer". Missing and wrong keys get the same answer; the key is never logged.
/// Until the accepted keys are known (the Secrets Manager secret is read), those routes answer 503 with the reason.
/// </summary>
internal sealed class ApiKeyMiddleware(
    RequestDelegate next,
    ApiKeyAuthenticator authenticator,
    ApiKeyStore keys,
    IOptions<AuthOptions> options,
    ModelRepository models,
    InferenceMetrics metrics,
    ILogger<ApiKeyMiddleware> logger)
{
    /// <summary>HttpContext.Items key under which the matched key's name is kept for the rate limit.</summary>
    public const string KeyNameItem = "reconciler.api-key-name";

    private readonly bool _enabled = options.Value.Enabled;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_enabled || context.GetEndpoint()?.Metadata.GetMetadata<RequiresApiKey>() is null)
        {
            await next(context);
            return;
        }

        if (keys.NotReadyReason is { } notReady)
        {
            CountRefusal(context, Outcomes.NotReady);
            await ErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, notReady);
            return;
        }

        var keyName = authenticator.Authenticate(PresentedKey(context.Request));
        if (keyName is null)
        {
            CountRefusal(context, Outcomes.Unauthorized);
            RequestLog.Unauthorized(logger, context.Request.Path);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized,
                "a valid API key is required in the 'x-api-key' header or as 'Authorization: Bearer <key>'");
            return;
        }

        context.Items[KeyNameItem] = keyName;
        await next(context);
    }

    private void CountRefusal(HttpContext context, string outcome)
    {
        var name = context.GetRouteValue("name") as string ?? string.Empty;
        var version = context.GetRouteValue("version") as string ?? models.Find(name, null)?.Version ?? string.Empty;
        metrics.CountRefusal(name.Length > 0 && models.Find(name, null) is not null ? name : "(unknown)", version, outcome);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("x-api-key", out var apiKey) && apiKey.Count > 0)
        {
            return apiKey[0];
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value["Bearer ".Length..].Trim();
        }

        return null;
    }
}
