using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// A moto emulator (S3, Secrets Manager, ...) on a free loopback port for the life of a test class. Credentials are moto's conventional
/// "testing" pair, set in the environment so the service's default credential chain finds them.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;

    public string Endpoint { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");

        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        _process = Process.Start(new ProcessStartInfo("moto_server", $"-H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto_server did not start; install it with pip install 'moto[server]'.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(Endpoint + "/moto-api/");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
