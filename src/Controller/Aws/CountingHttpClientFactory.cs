using Amazon.Runtime;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Hands the official SDK clients HttpClients that share one <see cref="AwsRequestCountingHandler"/>
/// (and one connection pool) with the project's own clients.
/// </summary>
internal sealed class CountingHttpClientFactory : HttpClientFactory
{
    private readonly HttpMessageHandler _handler;

    public CountingHttpClientFactory(HttpMessageHandler handler)
    {
        _handler = handler;
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        // The shared handler outlives each SDK client, so the client must not dispose it.
        var client = new HttpClient(_handler, disposeHandler: false);
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }

        return client;
    }

    // One HttpClient per SDK client, kept for its lifetime; the SDK's own cache would key on
    // config strings and is not needed when the connection pool is shared anyway.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
