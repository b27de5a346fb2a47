using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Drivers;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// A moto server of the driver tests' own, on a free loopback port, with every AWS client the
/// drivers use pointed at it. Started once for the driver test collection and killed after it.
/// </summary>
public sealed class MotoServerFixture : IAsyncLifetime
{
    private Process? _process;
    private AwsClientFactory? _factory;

    /// <summary>The server's address.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    internal AwsClients Clients { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _process = Process.Start(new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto_server did not start; is it on PATH (pip install 'moto[server]')?");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();

        _factory = new AwsClientFactory(AwsEnvironment.ForEndpoint(Endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing")));
        Clients = new AwsClients
        {
            Ec2 = _factory.CreateEc2(),
            S3 = _factory.CreateS3(),
            DynamoDb = _factory.CreateDynamoDb(),
            Sts = _factory.CreateSts(),
            Logs = _factory.CreateCloudWatchLogs(),
        };
    }

    public Task DisposeAsync()
    {
        _factory?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before serving.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"moto_server did not answer at {Endpoint} within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
