using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Tests.Support;

/// <summary>The real service on Kestrel, bound to 127.0.0.1 on a free port (or in Lambda mode, on no port at all).</summary>
internal sealed class KestrelService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelService(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First());

    public IServiceProvider Services => _app.Services;

    public static async Task<KestrelService> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Urls"] = "http://127.0.0.1:0";
        var app = InferenceApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        var service = new KestrelService(app);
        await Task.WhenAll(
            app.Services.GetRequiredService<ModelRepository>().Settled,
            app.Services.GetRequiredService<ApiKeyStore>().Settled).WaitAsync(TimeSpan.FromSeconds(60));
        return service;
    }

    public HttpClient CreateKeyedClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("x-api-key", TestSettings.Key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
