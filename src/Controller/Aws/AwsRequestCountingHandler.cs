namespace Reconciler.Controller.Aws;

/// <summary>
/// The one hook every AWS HTTP request passes through, official SDK clients and own clients
/// alike: it identifies each request's operation (<see cref="AwsOperations"/>), stops it before
/// it is sent when the write gate says so, and records its service, operation and outcome in an
/// <see cref="AwsRequestLog"/>.
/// <para>
/// With a gate (every <see cref="AwsClientFactory"/> installs one) it fails closed: an operation
/// nothing declares is refused with <see cref="UnknownAwsOperationException"/>, a declared write
/// is sent only when the gate allows it, reads always go. Refused requests were never sent, so
/// they are not counted. Without a gate it only counts (tests of the protocol layer use that).
/// </para>
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
        var operation = await AwsOperations.IdentifyAsync(request, cancellationToken).ConfigureAwait(false);
        if (_writeGate is not null)
        {
            // Whether it writes is unknown, so it may: refused whoever holds the lease, so a
            // missing declaration shows in the first test that makes the call.
            if (operation.Writes is not { } writes)
            {
                throw new UnknownAwsOperationException(operation.Service, operation.Name);
            }

            if (writes)
            {
                _writeGate.EnsureMayWrite(operation.Service, operation.Name);
            }
        }

        // Counted as a write when unknown: a request log must not under-report what may have changed AWS.
        var isWrite = operation.Writes ?? true;
        var sentAt = _log.Now;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No answer (refused, reset, timed out, cancelled): still a request that was made.
            _log.Record(operation.Service, operation.Name, isWrite, null, sentAt);
            throw;
        }

        _log.Record(operation.Service, operation.Name, isWrite, (int)response.StatusCode, sentAt);
        return response;
    }
}
