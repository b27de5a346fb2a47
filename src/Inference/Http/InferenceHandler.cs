using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference.Http;

/// <summary>
/// POST /v2/models/{name}[/versions/{version}]/infer — the one inference path, whether the request came through
/// Kestrel or a Lambda invocation. Checks run cheapest first: model, body size, parse (shape, datatype, batch limit),
/// item budget; only then does the model run.
/// </summary>
internal sealed class InferenceHandler(
    ModelRepository models,
    InferenceExecutor executor,
    ItemRateLimiter limiter,
    InferenceMetrics metrics,
    IOptions<InferenceOptions> options,
    ILogger<InferenceHandler> logger)
{
    private readonly int _maxItems = options.Value.MaxBatchItems;
    private readonly long _maxBytes = options.Value.MaxRequestBytes;
    private readonly bool _sandboxFaults = options.Value.SandboxFaults;

    public async Task InferAsync(HttpContext context, string name, string? version)
    {
        var started = Stopwatch.GetTimestamp();
        var entry = models.Find(name, version);
        // Unknown names are not used as metric labels: a client could otherwise create any number of series.
        var labelName = entry?.Name ?? "(unknown)";
        var labelVersion = entry?.Version ?? string.Empty;
        var status = StatusCodes.Status200OK;
        var items = 0;
        try
        {
            if (entry is null)
            {
                throw new ProtocolException(StatusCodes.Status404NotFound, MetadataHandler.NotServed(models, name, version));
            }

            ModelHeaders.Set(context, entry);
            var model = entry.Model
                ?? throw new ProtocolException(StatusCodes.Status503ServiceUnavailable, $"model '{entry.Name}' version '{entry.Version}' is not ready: {entry.NotReadyReason}");

            if (_sandboxFaults && model.Fault is { } fault && fault.NextFails())
            {
                throw new ProtocolException(
                    StatusCodes.Status500InternalServerError,
                    $"sandbox fault: model '{model.Name}' version '{model.Version}' fails {fault.ErrorShare:P0} of its requests on purpose (its sandbox:fault metadata)");
            }

            using var request = await ReadRequestAsync(context, model);
            CheckBudget(context, request.Items);
            using var result = await RunAsync(model, request, context.RequestAborted);
            items = request.Items;

            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            // Lets a client (and the benchmark) tell time in the model from time in the service.
            response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"run;dur={result.ComputeTime.TotalMilliseconds:0.###}");
            if (request.BinaryOutputs is { } binary)
            {
                BinaryResponseWriter.Write(response, model.Name, model.Version, request.Id, result.Outputs, binary);
            }
            else
            {
                response.ContentType = "application/json";
                InferResponseWriter.Write(response.BodyWriter, model.Name, model.Version, request.Id, result.Outputs);
            }
        }
        catch (ProtocolException ex)
        {
            status = ex.StatusCode;
            RequestLog.Refused(logger, labelName, labelVersion, status, ex.Message);
            await ErrorResponse.WriteAsync(context, status, ex.Message);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits (e.g. a body that keeps coming past the cap) end up here.
            status = ex.StatusCode;
            RequestLog.Refused(logger, labelName, labelVersion, status, ex.Message);
            await ErrorResponse.WriteAsync(context, status, ex.Message);
            return;
        }
        catch (Exception)
        {
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            metrics.ObserveRequest(labelName, labelVersion, Outcomes.FromStatus(status), items, Stopwatch.GetElapsedTime(started));
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>ONNX Runtime's "invalid argument" (its error code, public only in the message) is about the input (e.g. an index out of range), so it is the client's 400.</summary>
    private async ValueTask<InferResult> RunAsync(LoadedModel model, InferRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.RunAsync(model, request, cancellationToken);
        }
        catch (OnnxRuntimeException ex) when (ex.Message.StartsWith("[ErrorCode:InvalidArgument]", StringComparison.Ordinal))
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, $"the model refused the input: {ex.Message}");
        }
    }

    /// <summary>
    /// Plain JSON read whole into a pooled buffer and parsed; or, with the binary tensor data extension, a JSON header
    /// followed by raw tensor bytes read straight into the input buffers.
    /// </summary>
    private async Task<InferRequest> ReadRequestAsync(HttpContext context, LoadedModel model)
    {
        if (context.Request.Headers.ContainsKey(BinaryRequestReader.HeaderLengthHeader))
        {
            return await BinaryRequestReader.ReadAsync(context, model, _maxItems, _maxBytes, context.RequestAborted);
        }

        using var body = await RequestBodyReader.ReadAsync(context, _maxBytes, context.RequestAborted);
        return InferRequestParser.Parse(body.Span, model.Name, model.Signature, _maxItems);
    }

    private void CheckBudget(HttpContext context, int items)
    {
        if (context.Items[ApiKeyMiddleware.KeyNameItem] is not string keyName || limiter.TryAcquire(keyName, items, out var retryAfter))
        {
            return;
        }

        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        RequestLog.RateLimited(logger, keyName, items, seconds);
        throw new ProtocolException(StatusCodes.Status429TooManyRequests,
            $"key '{keyName}' is over its budget of items per second: {items} items refused; retry after {seconds} s");
    }
}
