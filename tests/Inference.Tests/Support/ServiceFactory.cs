using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Tests.Support;

/// <summary>The service in memory with the given settings, an optional clock, and every log line captured.</summary>
internal sealed class ServiceFactory(Dictionary<string, string?> settings, TimeProvider? time = null) : WebApplicationFactory<Program>
{
    public ServiceFactory()
        : this(TestSettings.Default())
    {
    }

    public CapturedLogs Logs { get; } = new();

    public InferenceMetrics Metrics => Services.GetRequiredService<InferenceMetrics>();

    /// <summary>A client that sends the test key.</summary>
    public HttpClient CreateKeyedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", TestSettings.Key);
        return client;
    }

    /// <summary>Waits (bounded) until every model is loaded or has failed, and the first read of the key secret is over.</summary>
    public async Task SettledAsync()
    {
        _ = Server;
        await Task.WhenAll(
            Services.GetRequiredService<ModelRepository>().Settled,
            Services.GetRequiredService<ApiKeyStore>().Settled).WaitAsync(TimeSpan.FromSeconds(60));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }

            services.AddLogging(logging => logging.AddProvider(Logs));
        });
    }
}
