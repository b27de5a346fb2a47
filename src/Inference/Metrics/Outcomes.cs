namespace Reconciler.Inference.Metrics;

/// <summary>The outcome label of inference_requests_total.</summary>
internal static class Outcomes
{
    public const string Ok = "ok";
    public const string BadRequest = "bad_request";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate_limited";
    public const string TooLarge = "too_large";
    public const string NotFound = "not_found";
    public const string NotReady = "not_ready";
    public const string Error = "error";

    public static string FromStatus(int status) => status switch
    {
        < 400 => Ok,
        401 => Unauthorized,
        404 => NotFound,
        413 => TooLarge,
        429 => RateLimited,
        503 => NotReady,
        < 500 => BadRequest,
        _ => Error,
    };
}
