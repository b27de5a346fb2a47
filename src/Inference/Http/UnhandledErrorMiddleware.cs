using Microsoft.Extensions.Logging;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Http;

/// <summary>
/// The last line: a client mistake that escaped its handler still gets its 4xx and error body; anything else is a
/// server fault, logged as an error and answered 500 without details.
/// </summary>
internal sealed class UnhandledErrorMiddleware(RequestDelegate next, ILogger<UnhandledErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ProtocolException ex) when (!context.Response.HasStarted)
        {
            await ErrorResponse.WriteAsync(context, ex.StatusCode, ex.Message);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await ErrorResponse.WriteAsync(context, ex.StatusCode, ex.Message);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (cancelled, or the connection reset mid-body): nothing to answer, nothing wrong here.
            RequestLog.Cancelled(logger, context.Request.Path);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            RequestLog.Unhandled(logger, ex, context.Request.Method, context.Request.Path);
            await ErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error; see the server log");
        }
    }
}
