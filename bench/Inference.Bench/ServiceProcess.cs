using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Inference.Bench;

/// <summary>
/// The service as deployed, in a process of its own (its own GC heap and thread pool, and a working set that is the
/// service's alone), on Kestrel at 127.0.0.1 on a port it picks. Configured by environment variables, the way an ECS
/// task configures it. Killed on dispose.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private readonly Process _process;

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The service's folder: its dll, appsettings and models, as built next to this benchmark.</summary>
    public static string AppFolder
    {
        get
        {
            // The benchmark's output holds the service's dll too, but not its runtimeconfig; run it from its own bin.
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Reconciler.sln")))
            {
                root = root.Parent;
            }

            return root is null
                ? throw new InvalidOperationException($"Reconciler.sln not found above {AppContext.BaseDirectory}.")
                : Path.Combine(root.FullName, "src", "Inference", "bin", configuration, "net10.0");
        }
    }

    /// <summary>Starts the inference service with <paramref name="settings"/> (configuration keys, "A:B" form).</summary>
    public static Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppFolder, "Reconciler.Inference.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found; build the benchmark with -c Release first.");
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            // As in a container with a memory limit, where .NET caps its heap at 75 % of the limit (here: a 1.33 GiB
            // task). Without a cap on this 24 GiB machine the server GC lets garbage pile up for minutes before a
            // gen-2 collection, and a soak cannot tell that from a leak.
            ["DOTNET_GCHeapHardLimit"] = "0x40000000",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return LaunchAsync([dll], AppFolder, environment);
    }

    /// <summary>Starts this benchmark's own executable serving the empty endpoint of <see cref="HttpFloor"/>.</summary>
    public static Task<ServiceProcess> StartFloorAsync() =>
        LaunchAsync([typeof(ServiceProcess).Assembly.Location, HttpFloor.ServerArgument], AppContext.BaseDirectory, new Dictionary<string, string>());

    private static async Task<ServiceProcess> LaunchAsync(string[] arguments, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("AWS_LAMBDA_RUNTIME_API");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (errors)
                {
                    errors.Add(line);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceProcess(process, await Listening());
        using var client = new HttpClient { BaseAddress = service.Address };
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            using var ready = await client.GetAsync("/v2/health/ready");
            if (ready.IsSuccessStatusCode)
            {
                return service;
            }

            if (Stopwatch.GetElapsedTime(started) > StartBound || process.HasExited)
            {
                var why = await ready.Content.ReadAsStringAsync();
                await service.DisposeAsync();
                throw new InvalidOperationException($"The service did not become ready within {StartBound}: {why}");
            }

            await Task.Delay(200);
        }

        async Task<Uri> Listening()
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartBound));
            if (first == listening.Task)
            {
                return await listening.Task;
            }

            process.Kill(entireProcessTree: true);
            lock (errors)
            {
                throw new InvalidOperationException("The service did not start listening: " + string.Join(Environment.NewLine, errors.TakeLast(20)));
            }
        }
    }

    /// <summary>The service's resident memory, read by the operating system.</summary>
    public double WorkingSetMb()
    {
        _process.Refresh();
        return _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>The service's /metrics text.</summary>
    public async Task<string> MetricsAsync(HttpClient client) => await client.GetStringAsync(new Uri(Address, "/metrics"));

    /// <summary>One unlabelled sample (or the sample with exactly <paramref name="labels"/>) from a metrics text.</summary>
    public static double Sample(string metrics, string name, string labels = "")
    {
        var pattern = "(?m)^" + Regex.Escape(name) + (labels.Length > 0 ? Regex.Escape("{" + labels + "}") : string.Empty) + " (\\S+)$";
        var match = Regex.Match(metrics, pattern);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
