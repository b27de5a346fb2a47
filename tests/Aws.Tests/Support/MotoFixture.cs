using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace Reconciler.Aws.Tests.Support;

/// <summary>
/// One moto_server on a free loopback port for every moto test (a collection fixture), the generated
/// clients pointed at it, and the aws CLI as the independent checker of what the clients did.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public const string AccountId = "123456789012";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private Process? _process;
    private AwsClientBuilder? _clients;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Builds the generated clients against moto (one attempt per call, 10 s per attempt).</summary>
    public AwsClientBuilder Clients => _clients ?? throw new InvalidOperationException("moto has not started.");

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOTO_ACCOUNT_ID"] = AccountId;
        _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start; install it with pip install 'moto[server]'.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilUpAsync();

        var environment = AwsEnvironment.ForEndpoint(Endpoint, "us-east-1", new BasicAWSCredentials("x", "x")) with
        {
            Retry = new AwsRetryOptions { MaxAttempts = 1, ThrottlingMaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(20) },
        };
        _clients = AwsClientBuilder.Create(_http, environment, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _http.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs the aws CLI against moto and returns its JSON answer (an empty object for none).</summary>
    public Task<System.Text.Json.JsonElement> CliAsync(params string[] args) => AwsCli.RunAsync(Endpoint, args);

    /// <summary>A name unique to one test run, so tests sharing the server do not meet.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    private async Task WaitUntilUpAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await _http.GetAsync(new Uri(Endpoint, "/moto-api/"), probe.Token);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && DateTime.UtcNow < deadline && !_process!.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
