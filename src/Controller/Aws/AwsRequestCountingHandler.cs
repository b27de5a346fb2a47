namespace Reconciler.Controller.Aws;

/// <summary>
/// The one hook every AWS HTTP request passes through, official SDK clients and own clients
/// alike: it records each request's service, operation and outcome in an
/// <see cref="AwsRequestLog"/>.
/// </summary>
internal sealed class AwsRequestCountingHandler : DelegatingHandler
{
    private readonly AwsRequestLog _log;

    public AwsRequestCountingHandler(AwsRequestLog log, HttpMessageHandler inner)
        : base(inner)
    {
        _log = log;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (service, operation) = await AwsRequestClassifier.ClassifyAsync(request, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No answer (refused, reset, timed out, cancelled): still a request that was made.
            _log.Record(service, operation, null);
            throw;
        }

        _log.Record(service, operation, (int)response.StatusCode);
        return response;
    }
}
