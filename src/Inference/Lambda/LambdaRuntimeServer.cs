using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Lambda;

/// <summary>
/// An ASP.NET Core server whose requests come from the Lambda runtime API instead of a socket. Each API Gateway
/// event becomes an HttpContext run through the same middleware and routes as over HTTP, so keys, limits, metrics
/// and inference behave the same; the buffered response goes back as the proxy integration's response object.
/// </summary>
internal sealed class LambdaRuntimeServer : IServer
{
    private readonly ModelRepository _models;
    private readonly ApiKeyStore _keys;
    private readonly ILogger<LambdaRuntimeServer> _logger;
    private readonly string _runtimeApi;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public LambdaRuntimeServer(IConfiguration configuration, ModelRepository models, ApiKeyStore keys, ILogger<LambdaRuntimeServer> logger)
    {
        _models = models;
        _keys = keys;
        _logger = logger;
        _runtimeApi = InferenceApp.RuntimeApi(configuration)
            ?? throw new InvalidOperationException("Lambda mode needs AWS_LAMBDA_RUNTIME_API or Hosting:LambdaRuntimeApi.");
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _loop = Task.Run(() => RunAsync(application, new LambdaRuntimeClient(_http, _runtimeApi), _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping while waiting for an invocation is the normal way out.
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _http.Dispose();
    }

    private async Task RunAsync<TContext>(IHttpApplication<TContext> application, LambdaRuntimeClient client, CancellationToken cancellationToken)
        where TContext : notnull
    {
        // Invocations are taken only once the models and the API keys are loaded: the init phase pays the load, not
        // the first caller.
        await Task.WhenAll(_models.Settled, _keys.Settled).WaitAsync(cancellationToken);
        if (!_models.AllReady)
        {
            var reason = string.Join("; ", _models.Entries.Where(e => e.Status != ModelStatus.Ready).Select(e => $"{e.Name} {e.Version}: {e.NotReadyReason}"));
            LambdaLog.InitFailed(_logger, reason);
            await client.ReportInitErrorAsync("Runtime.ModelNotReady", reason, cancellationToken);
            return;
        }

        if (_keys.NotReadyReason is { } keysNotReady)
        {
            LambdaLog.InitFailed(_logger, keysNotReady);
            await client.ReportInitErrorAsync("Runtime.ApiKeysNotLoaded", keysNotReady, cancellationToken);
            return;
        }

        LambdaLog.Polling(_logger, _runtimeApi);
        while (!cancellationToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.NextAsync(cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                LambdaLog.RuntimeApiFailed(_logger, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                continue;
            }

            // As AWS asks of custom runtimes: the X-Ray trace id of the current invocation, for the SDK to pick up.
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
            await HandleAsync(application, client, invocation, cancellationToken);
        }
    }

    private async Task HandleAsync<TContext>(IHttpApplication<TContext> application, LambdaRuntimeClient client, LambdaInvocation invocation, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ApiGatewayRequest request;
        try
        {
            request = ApiGatewayRequest.Parse(invocation.Event);
        }
        catch (FormatException ex)
        {
            LambdaLog.NotAnHttpEvent(_logger, invocation.RequestId, ex.Message);
            await client.ReportInvocationErrorAsync(invocation.RequestId, "Runtime.InvalidEvent", ex.Message, cancellationToken);
            return;
        }

        try
        {
            var payload = await InvokeAsync(application, request);
            await client.RespondAsync(invocation.RequestId, payload, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LambdaLog.InvocationFailed(_logger, ex, invocation.RequestId);
            await client.ReportInvocationErrorAsync(invocation.RequestId, "Runtime.UnhandledError", "internal error; see the function log", cancellationToken);
        }
    }

    /// <summary>Runs one request through the application and returns the proxy response object.</summary>
    internal static async Task<byte[]> InvokeAsync<TContext>(IHttpApplication<TContext> application, ApiGatewayRequest request)
        where TContext : notnull
    {
        var requestFeature = new HttpRequestFeature
        {
            Method = request.Method,
            Scheme = "https",
            Path = request.Path,
            PathBase = string.Empty,
            QueryString = request.QueryString,
            RawTarget = request.Path + request.QueryString,
            Protocol = "HTTP/1.1",
            Body = new MemoryStream(request.Body, writable: false),
        };
        foreach (var (name, value) in request.Headers)
        {
            requestFeature.Headers.Append(name, value);
        }

        requestFeature.Headers.ContentLength = request.Body.Length;
        using var responseBody = new MemoryStream();
        var responseFeature = new LambdaResponseFeature();
        var bodyFeature = new StreamResponseBodyFeature(responseBody);
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpResponseFeature>(responseFeature);
        features.Set<IHttpResponseBodyFeature>(bodyFeature);

        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception ex)
        {
            failure = ex;
            responseFeature.StatusCode = StatusCodes.Status500InternalServerError;
        }

        await responseFeature.StartAsync();
        await bodyFeature.CompleteAsync();
        await responseFeature.CompleteAsync();
        application.DisposeContext(context, failure);
        return ApiGatewayResponse.Serialize(
            responseFeature.StatusCode, responseFeature.Headers, responseBody.GetBuffer().AsSpan(0, (int)responseBody.Length), request.IsVersion2);
    }
}
