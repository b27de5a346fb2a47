using Reconciler.Controller.Aws;
using Reconciler.Controller.Sandbox.DataPlane;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Sandbox;

/// <summary>A weighted listener in the emulator, stub blue and green services, and the proxy following the listener.</summary>
internal sealed class ProxySetup : IAsyncDisposable
{
    private readonly AwsClientFactory _factory;
    private readonly ListenerWatcher _watcher;
    private readonly StubService _blue;
    private readonly StubService _green;
    private readonly HttpClient _http = new();

    private ProxySetup(AwsClientFactory factory, AwsCli aws, WeightedListener listener, WeightedProxy proxy, StubService blue, StubService green)
    {
        _factory = factory;
        Aws = aws;
        Listener = listener;
        Proxy = proxy;
        _blue = blue;
        _green = green;
        _watcher = new ListenerWatcher(factory.CreateElasticLoadBalancingV2(), preferredPort: 80, defaultModelVersion: "1");
    }

    public AwsCli Aws { get; }

    public WeightedListener Listener { get; }

    public WeightedProxy Proxy { get; }

    public static async Task<ProxySetup> StartAsync(AwsEmulatorFixture emulator, int blue, int green, int greenFailsEvery = 0)
    {
        await emulator.ResetAsync();
        var aws = new AwsCli(emulator.Endpoint);
        var listener = await WeightedListener.CreateAsync(aws, blue, green);
        var proxy = await WeightedProxy.StartAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), seed: 12345, CancellationToken.None);
        var setup = new ProxySetup(emulator.CreateFactory(), aws, listener, proxy, await StubService.StartAsync("blue"), await StubService.StartAsync("green", greenFailsEvery));
        proxy.SetBackend(listener.BlueArn, setup._blue.Url);
        proxy.SetBackend(listener.GreenArn, setup._green.Url);
        await setup.RefreshAsync();
        return setup;
    }

    /// <summary>Reads the weights from the emulator into the proxy, as the data plane's poll does.</summary>
    public async Task RefreshAsync() => Proxy.Routes = await _watcher.ReadAsync(CancellationToken.None);

    /// <summary>Sends <paramref name="count"/> requests through the proxy; counts by the stub that answered 200 ("blue", "green"), else by status ("500", "503").</summary>
    public async Task<Dictionary<string, int>> SendAsync(int count)
    {
        var served = new Dictionary<string, int> { ["blue"] = 0, ["green"] = 0, ["500"] = 0, ["503"] = 0 };
        for (var i = 0; i < count; i++)
        {
            using var response = await _http.GetAsync(new Uri(Proxy.Url, "v2/models/penguins/infer"));
            var key = (int)response.StatusCode == 200 ? await response.Content.ReadAsStringAsync() : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            served[key] = served.GetValueOrDefault(key) + 1;
        }

        return served;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Proxy.DisposeAsync();
        await _blue.DisposeAsync();
        await _green.DisposeAsync();
        _factory.Dispose();
    }
}
