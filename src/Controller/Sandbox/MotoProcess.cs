using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Controller.Sandbox;

/// <summary>The mechanics shared by <see cref="MotoServer"/> and <see cref="SandboxRegistry"/>.</summary>
internal static class MotoProcess
{
    public const string Host = "127.0.0.1";

    public const string NotFoundMessage = "moto_server not found; install it with pip install 'moto[server]'";

    /// <summary>The full path of <paramref name="executable"/>, looked up on PATH unless it is a path.</summary>
    public static string ResolveExecutable(string executable)
    {
        if (executable.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || executable.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(executable) ? Path.GetFullPath(executable) : throw new MotoServerException($"{NotFoundMessage} (no file at '{executable}')");
        }

        var names = OperatingSystem.IsWindows() ? new[] { executable + ".exe", executable + ".cmd", executable } : [executable];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new MotoServerException(NotFoundMessage);
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The moto arguments: listen on loopback only.</summary>
    public static string[] ServerArguments(int port) => ["-H", Host, "-p", port.ToString(CultureInfo.InvariantCulture)];

    /// <summary>
    /// Waits until moto answers HTTP at <paramref name="endpoint"/>, failing early when the
    /// process exits, and with a clear message after <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitUntilReadyAsync(Uri endpoint, Func<bool> hasExited, Func<string> output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (hasExited())
            {
                throw new MotoServerException($"moto_server exited before answering on {endpoint}. Its output:{Environment.NewLine}{output()}");
            }

            try
            {
                // Any HTTP answer means the server is up; the reset API answers quickly.
                using var response = await http.GetAsync(new Uri(endpoint, "/moto-api/data.json"), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (deadline.Elapsed > timeout)
            {
                throw new MotoServerException($"moto_server did not answer on {endpoint} within {timeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{output()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether <paramref name="processId"/> is a live process. Reads /proc on Linux so a zombie
    /// (nobody may reap a detached moto) does not count; with <paramref name="mustBeMoto"/>, a
    /// reused pid that belongs to another program does not count either. Not during start-up:
    /// while the pyenv shim execs its way to python the command line can read empty.
    /// </summary>
    public static bool IsAlive(int processId, bool mustBeMoto = false)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{processId}/stat");
                var state = stat[(stat.LastIndexOf(')') + 2)..][0];
                if (state is 'Z' or 'X')
                {
                    return false;
                }

                return !mustBeMoto || File.ReadAllText($"/proc/{processId}/cmdline").Contains("moto", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Kills <paramref name="processId"/> and its children, then waits (bounded) until it is gone.</summary>
    public static async Task KillAsync(int processId, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            return;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        var waited = Stopwatch.StartNew();
        while (IsAlive(processId) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }
}
