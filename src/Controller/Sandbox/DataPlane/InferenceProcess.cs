using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// One inference service (src/Inference) run as a child process on a free loopback port,
/// serving one version of the penguins model out of the emulator's model bucket, with sandbox
/// faults on (so version "3" fails as its metadata says). Disposing it kills it and its children;
/// a watchdog takes it down within a second if the controller dies without disposing it.
/// </summary>
internal sealed class InferenceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private InferenceProcess(Process process, Uri url, ModelObject model)
    {
        _process = process;
        Url = url;
        Model = model;
    }

    /// <summary>The service's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>The model version it serves.</summary>
    public ModelObject Model { get; }

    /// <summary>The child's process id (on Linux and macOS its watchdog's, whose only child is the service).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the child is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Starts the service and waits until it reports ready (its model loaded and warmed up).</summary>
    /// <exception cref="DataPlaneException">It exited or did not become ready within <paramref name="readyTimeout"/>.</exception>
    public static async Task<InferenceProcess> StartAsync(string dll, Uri s3Endpoint, string bucket, ModelObject model, string modelName, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var folder = Path.GetDirectoryName(dll)!;
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        var warmup = Path.Combine("models", modelName, model.Label, "warmup.json");
        // As --key=value, so an empty value (clearing a setting) is unambiguous.
        (string Key, string Value)[] settings =
        [
            ("--contentRoot", folder),
            ("--Urls", $"http://127.0.0.1:{port}"),
            ("--Hosting:Mode", "Http"),
            // On loopback only, for the synthetic load and a person's curl: no key to hand out or leak.
            ("--Auth:Enabled", "false"),
            ("--Inference:SandboxFaults", "true"),
            ("--Inference:Models:0:Name", modelName),
            ("--Inference:Models:0:Version", model.Label),
            // appsettings.json's first model is a local file with its own hash and warm-up: replaced, not merged.
            ("--Inference:Models:0:Path", string.Empty),
            ("--Inference:Models:0:WarmupPath", File.Exists(Path.Combine(folder, warmup)) ? warmup : string.Empty),
            ("--Inference:Models:0:S3:Bucket", bucket),
            ("--Inference:Models:0:S3:Key", model.Key),
            ("--Inference:Models:0:S3:VersionId", model.VersionId),
            ("--Inference:Models:0:Sha256", model.Sha256),
            ("--S3:ServiceUrl", s3Endpoint.ToString()),
            ("--S3:Region", "us-east-1"),
            ("--S3:ForcePathStyle", "true"),
            ("--Logging:LogLevel:Default", "Warning"),
        ];
        if (OperatingSystem.IsWindows())
        {
            start.FileName = "dotnet";
        }
        else
        {
            // Moto's watchdog: in a session of its own (so a terminal's Ctrl-C reaches only the
            // controller, which stops the services in order), and gone within a second of the
            // controller even when that is killed outright.
            start.FileName = MotoServer.SetsidPath() ?? "/bin/sh";
            if (start.FileName != "/bin/sh")
            {
                start.ArgumentList.Add("/bin/sh");
            }

            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(MotoServer.WatchdogScript);
            start.ArgumentList.Add("inference-watchdog");
            start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["AWS_ACCESS_KEY_ID"] = "sandbox";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "sandbox";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_SESSION_TOKEN");

        var process = Process.Start(start) ?? throw new DataPlaneException($"could not start 'dotnet {dll}'");
        var service = new InferenceProcess(process, url, model);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitReadyAsync(readyTimeout, cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not gone after 10 s of SIGKILL (nothing more can be done).
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 20)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join(" | ", _lastLines);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new DataPlaneException($"the inference service for {Model.Key} version {Model.Label} exited with code {_process.ExitCode} before it was ready: {LastLines()}");
            }

            try
            {
                using var ready = await http.GetAsync("v2/health/ready", deadline.Token);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One probe timed out; try again.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DataPlaneException($"the inference service for {Model.Key} version {Model.Label} was not ready after {timeout.TotalSeconds:0} s: {LastLines()}");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DataPlaneException($"the inference service for {Model.Key} version {Model.Label} was not ready after {timeout.TotalSeconds:0} s: {LastLines()}");
            }
        }
    }
}
