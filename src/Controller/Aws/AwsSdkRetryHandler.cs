using System.Collections.Concurrent;
using System.Reflection;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Util;
using Reconciler.Aws;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Replaces the SDK's RetryHandler (see <see cref="AwsSdkResilience"/>): runs the inner handlers
/// (signing, marshalling the HTTP request, sending, reading errors) once per attempt through the
/// client's <see cref="AwsResiliencePipeline"/>. Before the first attempt a write that offers a
/// client token gets one, so AWS recognises every attempt as the same request.
/// </summary>
internal sealed class AwsSdkRetryHandler : PipelineHandler
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ClientTokens = new();

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var requestContext = executionContext.RequestContext;
        var pipeline = AwsSdkResilience.For(requestContext.ClientConfig);
        var original = requestContext.OriginalRequest;
        var operation = AwsSdkOperations.ByRequestType.GetValueOrDefault(original.GetType());
        var name = AwsSdkOperations.WireName(original.GetType());
        // Unknown operations are refused by the write gate before they are sent; judged as writes here too.
        var call = new AwsCall(requestContext.ClientConfig.AuthenticationServiceName ?? "unknown", name, operation?.Writes ?? true);
        if (call.Writes)
        {
            FillClientToken(original);
        }

        return await pipeline.ExecuteAsync(
            call,
            async (attempt, _) =>
            {
                if (attempt > 1)
                {
                    requestContext.Retries++;
                    RewindBody(requestContext.Request);
                }

                return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            },
            requestContext.CancellationToken).ConfigureAwait(false);
    }

    // The controller only calls the SDKs asynchronously; a synchronous call gets one attempt.
    public override void InvokeSync(IExecutionContext executionContext) => base.InvokeSync(executionContext);

    private static void FillClientToken(AmazonWebServiceRequest request)
    {
        var property = ClientTokens.GetOrAdd(
            request.GetType(),
            static type => type.GetProperty("ClientToken") is { PropertyType: var t, CanWrite: true } p && t == typeof(string) ? p : null);
        if (property is not null && property.GetValue(request) is null)
        {
            property.SetValue(request, Guid.NewGuid().ToString());
        }
    }

    // A body stream read by the last attempt goes back to where it started (S3 uploads); the
    // query protocols' bodies are rebuilt from parameters on each attempt anyway.
    private static void RewindBody(IRequest request)
    {
        if (request.ContentStream is not { } stream || request.OriginalStreamPosition < 0)
        {
            return;
        }

        if (stream is HashStream hashStream)
        {
            hashStream.Reset();
            stream = hashStream.GetSeekableBaseStream();
        }

        if (stream.CanSeek)
        {
            stream.Position = request.OriginalStreamPosition;
        }
    }
}
