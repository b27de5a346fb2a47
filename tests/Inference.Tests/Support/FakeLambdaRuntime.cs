using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// A stand-in for the Lambda runtime API on 127.0.0.1: hands out queued events from invocation/next and records what
/// the function posts back to invocation/{id}/response, invocation/{id}/error and init/error.
/// </summary>
internal sealed class FakeLambdaRuntime : IAsyncDisposable
{
    private readonly Channel<(string Id, string Payload)> _events = Channel.CreateUnbounded<(string, string)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(string Kind, string? ErrorType, string Body)>> _results = new();
    private readonly TaskCompletionSource<(string ErrorType, string Body)> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebApplication _app;

    private FakeLambdaRuntime(WebApplication app) => _app = app;

    /// <summary>host:port, as AWS_LAMBDA_RUNTIME_API gives it.</summary>
    public string Address => new Uri(_app.Urls.First()).Authority;

    public Task<(string ErrorType, string Body)> InitError => _initError.Task;

    public static async Task<FakeLambdaRuntime> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var runtime = new FakeLambdaRuntime(app);
        app.MapGet("/2018-06-01/runtime/invocation/next", runtime.NextAsync);
        app.MapPost("/2018-06-01/runtime/invocation/{id}/response", (HttpContext ctx, string id) => runtime.RecordAsync(ctx, id, "response"));
        app.MapPost("/2018-06-01/runtime/invocation/{id}/error", (HttpContext ctx, string id) => runtime.RecordAsync(ctx, id, "error"));
        app.MapPost("/2018-06-01/runtime/init/error", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            runtime._initError.TrySetResult((ctx.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), await reader.ReadToEndAsync()));
            return Results.Accepted();
        });
        await app.StartAsync();
        return runtime;
    }

    /// <summary>Queues an event and waits (bounded) for the function's answer to it.</summary>
    public async Task<(string Kind, string? ErrorType, string Body)> InvokeAsync(string payload)
    {
        var id = Guid.NewGuid().ToString("N");
        var result = _results.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        await _events.Writer.WriteAsync((id, payload));
        return await result.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext context)
    {
        var (id, payload) = await _events.Reader.ReadAsync(context.RequestAborted);
        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
        context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:inference";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(payload, context.RequestAborted);
    }

    private async Task<IResult> RecordAsync(HttpContext context, string id, string kind)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var errorType = context.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var t) ? t.ToString() : null;
        _results.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult((kind, errorType, body));
        return Results.Accepted();
    }
}
