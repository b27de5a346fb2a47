using System.Net.Http.Headers;
using Amazon.Runtime;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// Sends the project's own clients' requests: resolves the endpoint, signs each attempt with
/// SigV4, bounds each attempt by a timeout, and runs the attempts through the one
/// <see cref="AwsResiliencePipeline"/> every AWS client shares (throttling, 5xx, timeouts and
/// network errors retried with full-jitter exponential backoff; a lost answer to a write that
/// must not be sent twice is reported, not re-sent). Time comes from the injected
/// <see cref="TimeProvider"/> so tests run it on a fake clock.
/// </summary>
public sealed class AwsRequestSender
{
    private readonly HttpClient _http;
    private readonly AwsEnvironment _environment;
    private readonly Func<CancellationToken, Task<ImmutableCredentials>> _credentials;
    private readonly TimeProvider _time;

    /// <param name="http">The client to send with; its handler chain may count or hold requests (the controller's does).</param>
    /// <param name="environment">Endpoints, region and retry options.</param>
    /// <param name="credentials">Resolves current credentials (refreshed by the SDK's providers).</param>
    /// <param name="time">Clock for signing dates, timeouts and backoff.</param>
    /// <param name="random">Source of jitter in [0, 1); tests fix it.</param>
    /// <param name="resilience">The retry pipeline to share with other clients; one from <paramref name="environment"/>'s retry options when null.</param>
    public AwsRequestSender(
        HttpClient http,
        AwsEnvironment environment,
        Func<CancellationToken, Task<ImmutableCredentials>> credentials,
        TimeProvider time,
        Func<double>? random = null,
        AwsResiliencePipeline? resilience = null)
    {
        environment.ThrowIfInvalid();
        _http = http;
        _environment = environment;
        _credentials = credentials;
        _time = time;
        Resilience = resilience ?? new AwsResiliencePipeline(environment.Retry, time, random);
    }

    /// <summary>Called before each backoff wait with (attempt just failed, delay, reason); for logs and tests.</summary>
    public Action<int, TimeSpan, string>? OnRetry { get; init; }

    /// <summary>The retry pipeline every request of this sender runs through.</summary>
    public AwsResiliencePipeline Resilience { get; }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="service"/> and returns the first 2xx
    /// answer. An error answer is turned into an exception by <paramref name="parseError"/>;
    /// retryable ones are retried, the rest thrown at once.
    /// </summary>
    public Task<AwsHttpResponse> SendAsync(
        AwsService service,
        AwsHttpRequest request,
        Func<AwsHttpResponse, AwsServiceException> parseError,
        CancellationToken cancellationToken)
    {
        var call = new AwsCall(service.SigningName, request.Operation.Name, request.Operation.Writes);
        return Resilience.ExecuteAsync(
            call,
            (_, token) => SendAttemptAsync(service, request, parseError, token),
            cancellationToken,
            OnRetry,
            (error, attempts) => error switch
            {
                AttemptTimeoutException => new TimeoutException(
                    $"AWS {service.SigningName} {request.Operation.Name} did not answer within {_environment.Retry.AttemptTimeout} on any of {attempts} attempts."),
                HttpRequestException or IOException => new HttpRequestException(
                    $"AWS {service.SigningName} {request.Operation.Name} could not be reached at {_environment.EndpointFor(service)} on any of {attempts} attempts: {error.Message}",
                    error),
                _ => null,
            });
    }

    /// <summary>Full jitter: a uniform wait in [0, min(MaxDelay, BaseDelay × 2^(attempt-1))).</summary>
    internal TimeSpan Backoff(int attempt) => Resilience.Backoff(attempt);

    // One attempt, bounded by the attempt timeout; an error answer is thrown for the pipeline to judge.
    private async Task<AwsHttpResponse> SendAttemptAsync(
        AwsService service, AwsHttpRequest request, Func<AwsHttpResponse, AwsServiceException> parseError, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(_environment.Retry.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        AwsHttpResponse response;
        try
        {
            response = await SendOnceAsync(service, request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && attemptTimeout.IsCancellationRequested)
        {
            throw new AttemptTimeoutException(e);
        }

        return response.IsSuccess ? response : throw parseError(response);
    }

    private async Task<AwsHttpResponse> SendOnceAsync(AwsService service, AwsHttpRequest request, CancellationToken cancellationToken)
    {
        var endpoint = _environment.EndpointFor(service);
        // Concatenated rather than built with UriBuilder, which would escape the already-encoded path again.
        var uri = new Uri(
            endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/') + request.Path
            + (request.Query.Length > 0 ? "?" + request.Query : string.Empty));

        using var message = new HttpRequestMessage(request.Method, uri);
        // The handler chain (request log, write gate) reads the operation from here, never from the wire.
        message.Options.Set(AwsOperation.OptionKey, request.Operation);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body.Length > 0 || request.ContentType is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        // Each attempt is signed afresh: a retry minutes later needs a current date.
        var credentials = await _credentials(cancellationToken).ConfigureAwait(false);
        SigV4Signer.Sign(message, request.Body, credentials, _environment.SigningRegionFor(service), service.SigningName, _time.GetUtcNow());

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(',', values);
        }

        return new AwsHttpResponse(response.StatusCode, headers, body);
    }
}
