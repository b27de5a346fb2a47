using System.Net;
using System.Text;

namespace Reconciler.Integration.Tests.Emulator;

/// <summary>
/// An outage of one JSON-protocol operation (named by its X-Amz-Target): every request for it is
/// answered with <paramref name="status"/> and an AWS error document, as AWS answers when that
/// operation's back end fails; every other request goes on to the emulator. Give it to a client
/// factory as the network (<c>new AwsClientFactory(environment, null, null, null, outage)</c>).
/// </summary>
internal sealed class JsonOperationOutage(string operation, HttpStatusCode status, string errorCode) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _answered;

    /// <summary>How many requests for the operation were answered with the outage.</summary>
    public int Answered => Volatile.Read(ref _answered);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValues("X-Amz-Target", out var targets) || !targets.Single().EndsWith("." + operation, StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _answered);
        var body = $$"""{"__type":"{{errorCode}}","message":"{{operation}} is unavailable."}""";
        return Task.FromResult(new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
        });
    }
}
