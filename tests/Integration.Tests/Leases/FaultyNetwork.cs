using System.Net;
using System.Text;

namespace Reconciler.Integration.Tests.Leases;

/// <summary>The network between one replica and the emulator, which a test can break.</summary>
internal sealed class FaultyNetwork() : DelegatingHandler(new SocketsHttpHandler())
{
    private volatile NetworkFault _fault;

    /// <summary>What happens to the next requests.</summary>
    public NetworkFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (_fault)
        {
            case NetworkFault.Refuse:
                throw new HttpRequestException("Connection refused (the test broke this replica's network).");
            case NetworkFault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("Unreachable: an infinite wait ended.");
            case NetworkFault.Throttle:
                return new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    Content = new StringContent(
                        """{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}""",
                        Encoding.UTF8,
                        "application/x-amz-json-1.0"),
                };
            default:
                return await base.SendAsync(request, cancellationToken);
        }
    }
}
