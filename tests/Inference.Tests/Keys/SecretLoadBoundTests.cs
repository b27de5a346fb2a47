using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Keys;

/// <summary>
/// Reading the key secret is bounded by Auth:SecretLoadTimeoutSeconds, retries included: an endpoint that never
/// answers or refuses connections gives a clear not-ready reason within the bound, and until then model routes say
/// the keys are loading.
/// </summary>
public sealed class SecretLoadBoundTests : IDisposable
{
    private const string SecretId = "reconciler/inference-keys";
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];

    public SecretLoadBoundTests()
    {
        UseTestCredentials();
        _silent.Start();
        _ = AcceptForeverAsync();
    }

    public void Dispose()
    {
        _silent.Stop();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task EndpointThatNeverAnswers_FailsClearlyWithinTheBound()
    {
        var started = Stopwatch.StartNew();
        await using var service = new ServiceFactory(Settings(SilentEndpoint, boundSeconds: 2));
        await service.SettledAsync();
        var elapsed = started.Elapsed;

        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        Assert.Contains(
            $"API keys could not be loaded from Secrets Manager secret '{SecretId}': no answer within Auth:SecretLoadTimeoutSeconds (2 s)",
            await Requests.ErrorAsync(ready),
            StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"the first read settled after {elapsed}, long past its 2 s bound");
    }

    [Fact]
    public async Task EndpointRefusingConnections_FailsClearlyWithinTheBound()
    {
        var started = Stopwatch.StartNew();
        await using var service = new ServiceFactory(Settings(ClosedEndpoint(), boundSeconds: 5));
        await service.SettledAsync();
        var elapsed = started.Elapsed;

        using var infer = await service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        var reason = await Requests.ErrorAsync(infer);
        Assert.StartsWith($"API keys could not be loaded from Secrets Manager secret '{SecretId}': ", reason, StringComparison.Ordinal);
        Assert.Contains("Connection refused", reason, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the first read settled after {elapsed}, long past its 5 s bound");
    }

    [Fact]
    public async Task WhileTheSecretIsBeingRead_NotReady_AndModelRoutesSayTheKeysAreLoading()
    {
        await using var service = new ServiceFactory(Settings(SilentEndpoint, boundSeconds: 300));
        _ = service.Server;

        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        Assert.Contains($"API keys are still loading from Secrets Manager secret '{SecretId}'", await Requests.ErrorAsync(ready), StringComparison.Ordinal);
        using var infer = await service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.Equal($"API keys are still loading from Secrets Manager secret '{SecretId}'", await Requests.ErrorAsync(infer));
    }

    internal static Dictionary<string, string?> Settings(string endpoint, int boundSeconds, Dictionary<string, string?>? baseSettings = null)
    {
        var settings = baseSettings ?? TestSettings.Default();
        settings["Auth:SecretId"] = SecretId;
        settings["Auth:SecretLoadTimeoutSeconds"] = boundSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["SecretsManager:ServiceUrl"] = endpoint;
        settings["SecretsManager:Region"] = "us-east-1";
        return settings;
    }

    /// <summary>Credentials the default chain finds first (as MotoServer sets them): no instance metadata lookup outside AWS.</summary>
    internal static void UseTestCredentials()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
    }

    /// <summary>A loopback port nothing listens on: connections are refused at once.</summary>
    internal static string ClosedEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private string SilentEndpoint => $"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}";

    // Accepts connections and never answers, like an endpoint behind a black-holing firewall rule.
    private async Task AcceptForeverAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _silent.AcceptSocketAsync();
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The listener stopped.
        }
    }
}
