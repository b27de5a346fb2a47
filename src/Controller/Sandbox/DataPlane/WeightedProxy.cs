using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Daemon;
using Yarp.ReverseProxy.Forwarder;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// The load balancer's stand-in: a reverse proxy (YARP's forwarder) on a loopback address that
/// sends each request to one target group's service, chosen at random by the listener's weights
/// as last read from the emulator, and records what an ALB would count for it.
/// </summary>
internal sealed class WeightedProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private ImmutableDictionary<string, string> _backends = ImmutableDictionary<string, string>.Empty;
    private ListenerRoutes? _routes;

    private WeightedProxy(WebApplication app, HttpMessageInvoker invoker, Random random, AlbMetrics metrics)
    {
        _app = app;
        _invoker = invoker;
        _random = random;
        Metrics = metrics;
    }

    /// <summary>The proxy's address, e.g. http://127.0.0.1:9480.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What it served since the publisher last drained it.</summary>
    public AlbMetrics Metrics { get; }

    /// <summary>The weights in force (null: the listener is not there yet, every request is answered 503).</summary>
    public ListenerRoutes? Routes
    {
        get => Volatile.Read(ref _routes);
        set => Volatile.Write(ref _routes, value);
    }

    /// <summary>Starts listening on <paramref name="endpoint"/> (port 0: a free one).</summary>
    /// <param name="endpoint">A loopback address and port.</param>
    /// <param name="seed">Seeds the weighted choice, so a test's split is reproducible; null draws from a random seed.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="DataPlaneException">The address is taken or cannot be bound.</exception>
    public static async Task<WeightedProxy> StartAsync(IPEndPoint endpoint, int? seed, CancellationToken cancellationToken)
    {
        if (ListenProbe.Problem(endpoint) is { } problem)
        {
            throw new DataPlaneException($"the sandbox proxy cannot listen on {endpoint}: {problem} Choose another address with --sandbox-proxy (port 0 picks a free one).");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endpoint));
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ActivityHeadersPropagator = null,
        });
        var proxy = new WeightedProxy(app, invoker, seed is { } s ? new Random(s) : new Random(), new AlbMetrics());
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Run(context => proxy.ForwardAsync(context, forwarder));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await proxy.DisposeAsync();
            throw new DataPlaneException($"the sandbox proxy cannot listen on {endpoint}: {e.Message} Choose another address with --sandbox-proxy (port 0 picks a free one).", e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        proxy.Url = new Uri(bound ?? $"http://{endpoint}");
        return proxy;
    }

    /// <summary>Where requests for a target group go (its service's base address), or null to take it out.</summary>
    public void SetBackend(string targetGroupArn, Uri? service) =>
        ImmutableInterlocked.Update(ref _backends, b => service is null ? b.Remove(targetGroupArn) : b.SetItem(targetGroupArn, service.ToString()));

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Requests still open after 10 s are cut.
        }

        await _app.DisposeAsync();
        _invoker.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder)
    {
        double draw;
        lock (_randomLock)
        {
            draw = _random.NextDouble();
        }

        var target = Routes?.Pick(draw);
        if (target is null || !_backends.TryGetValue(target.TargetGroupArn, out var backend))
        {
            // What an ALB does with no healthy target: its own 503, counted as HTTPCode_ELB_5XX_Count.
            Metrics.RecordElb5xx();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync(target is null ? "no target group has weight\n" : $"target group {target.Name} has no service running yet\n");
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var error = await forwarder.SendAsync(context, backend, _invoker, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        if (error == ForwarderError.None)
        {
            Metrics.Record(target.Dimension, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
        else
        {
            // The target did not answer (YARP has set 502/504): the load balancer's error, as on AWS.
            Metrics.RecordElb5xx();
        }
    }
}
