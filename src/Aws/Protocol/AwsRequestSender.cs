using System.Net;
using System.Net.Http.Headers;
using Amazon.Runtime;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// Sends the project's own clients' requests: resolves the endpoint, signs each attempt with
/// SigV4, bounds each attempt by a timeout and retries throttling, 5xx, timeouts and network
/// errors with full-jitter exponential backoff. Time comes from the injected
/// <see cref="TimeProvider"/> so tests run it on a fake clock.
/// </summary>
public sealed class AwsRequestSender
{
    private readonly HttpClient _http;
    private readonly AwsEnvironment _environment;
    private readonly Func<CancellationToken, Task<ImmutableCredentials>> _credentials;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;

    /// <param name="http">The client to send with; its handler chain may count or hold requests (the controller's does).</param>
    /// <param name="environment">Endpoints, region and retry options.</param>
    /// <param name="credentials">Resolves current credentials (refreshed by the SDK's providers).</param>
    /// <param name="time">Clock for signing dates, timeouts and backoff.</param>
    /// <param name="random">Source of jitter in [0, 1); tests fix it.</param>
    public AwsRequestSender(
        HttpClient http,
        AwsEnvironment environment,
        Func<CancellationToken, Task<ImmutableCredentials>> credentials,
        TimeProvider time,
        Func<double>? random = null)
    {
        environment.ThrowIfInvalid();
        _http = http;
        _environment = environment;
        _credentials = credentials;
        _time = time;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Called before each backoff wait with (attempt just failed, delay, reason); for logs and tests.</summary>
    public Action<int, TimeSpan, string>? OnRetry { get; init; }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="service"/> and returns the first 2xx
    /// answer. An error answer is turned into an exception by <paramref name="parseError"/>;
    /// retryable ones are retried, the rest thrown at once.
    /// </summary>
    public async Task<AwsHttpResponse> SendAsync(
        AwsService service,
        AwsHttpRequest request,
        Func<AwsHttpResponse, AwsServiceException> parseError,
        CancellationToken cancellationToken)
    {
        var retry = _environment.Retry;
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            using (var attemptTimeout = new CancellationTokenSource(retry.AttemptTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token))
            {
                try
                {
                    var response = await SendOnceAsync(service, request, linked.Token).ConfigureAwait(false);
                    if (response.IsSuccess)
                    {
                        return response;
                    }

                    var error = parseError(response);
                    if (!AwsErrorCodes.IsRetryable(error.ErrorCode, (int)error.StatusCode) || attempt >= retry.MaxAttempts)
                    {
                        throw error;
                    }

                    reason = error.ErrorCode;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attemptTimeout.IsCancellationRequested)
                {
                    if (attempt >= retry.MaxAttempts)
                    {
                        throw new TimeoutException(
                            $"AWS {service.SigningName} {request.Operation.Name} did not answer within {retry.AttemptTimeout} on any of {attempt} attempts.");
                    }

                    reason = "timeout";
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= retry.MaxAttempts)
                    {
                        throw new HttpRequestException(
                            $"AWS {service.SigningName} {request.Operation.Name} could not be reached at {_environment.EndpointFor(service)} on any of {attempt} attempts: {ex.Message}",
                            ex);
                    }

                    reason = "network error: " + ex.Message;
                }
            }

            var delay = Backoff(attempt);
            OnRetry?.Invoke(attempt, delay, reason);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Full jitter: a uniform wait in [0, min(MaxDelay, BaseDelay × 2^(attempt-1))).</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var retry = _environment.Retry;
        var ceiling = ExponentialBackoff.Ceiling(retry.BaseDelay, retry.MaxDelay, attempt);
        return TimeSpan.FromTicks((long)(ceiling.Ticks * _random()));
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
