using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reconciler.Integration.Tests.Sandbox;

/// <summary>A stand-in target on a free loopback port: answers its name, and 500 to every <c>failEvery</c>-th request.</summary>
internal sealed class StubService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private StubService(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public static async Task<StubService> StartAsync(string name, int failEvery = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubService(app);
        app.Run(async context =>
        {
            var n = Interlocked.Increment(ref stub._requests);
            context.Response.Headers["x-served-by"] = name;
            context.Response.StatusCode = failEvery > 0 && n % failEvery == 0 ? 500 : 200;
            await context.Response.WriteAsync(name);
        });
        await app.StartAsync();
        stub.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
