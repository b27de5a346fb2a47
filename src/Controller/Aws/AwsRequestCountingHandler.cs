namespace Reconciler.Controller.Aws;

/// <summary>
/// The one hook every AWS HTTP request passes through, official SDK clients and own clients
/// alike: it records each request's service, operation and outcome in an
/// <see cref="AwsRequestLog"/>.
/// </summary>
internal sealed class AwsRequestCountingHandler : DelegatingHandler
{
    private readonly AwsRequestLog _log;
    private readonly IAwsWriteGate? _writeGate;

    public AwsRequestCountingHandler(AwsRequestLog log, HttpMessageHandler inner, IAwsWriteGate? writeGate = null)
        : base(inner)
    {
        _log = log;
        _writeGate = writeGate;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (service, operation) = await AwsRequestClassifier.ClassifyAsync(request, cancellationToken).ConfigureAwait(false);
        if (_writeGate is not null && AwsOperations.IsWrite(operation))
        {
            // Refused writes are never sent, so they are not counted either.
            _writeGate.EnsureMayWrite(service, operation);
        }

        var sentAt = _log.Now;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No answer (refused, reset, timed out, cancelled): still a request that was made.
            _log.Record(service, operation, null, sentAt);
            throw;
        }

        _log.Record(service, operation, (int)response.StatusCode, sentAt);
        return response;
    }
}
