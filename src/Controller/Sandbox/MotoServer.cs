using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Sandbox;

/// <summary>
/// A moto AWS emulator running as a child process on a loopback port, for <c>--sandbox</c>
/// runs and tests. It dies with this process: on <see cref="DisposeAsync"/>, on process exit,
/// and, on Unix, even when this process is killed outright, because a small shell watchdog
/// between the two stops moto once the parent pid is gone. It runs in a session of its own,
/// so a Ctrl-C meant for this process does not stop it before this process is done with it.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    // $1 = parent pid, the rest = the moto command. Polls the parent once a second and takes
    // moto down with it; a TERM/INT/HUP to the watchdog takes moto down too.
    internal const string WatchdogScript =
        """
        parent=$1; shift
        "$@" &
        child=$!
        trap 'kill $child 2>/dev/null; exit 0' TERM INT HUP
        while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
        kill $child 2>/dev/null
        wait $child
        """;

    private const int OutputLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly EventHandler _onProcessExit;
    private int _disposed;

    private MotoServer(Process process, ConcurrentQueue<string> output, Uri endpoint, string accountId)
    {
        _process = process;
        _output = output;
        Endpoint = endpoint;
        AccountId = accountId;
        _onProcessExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    /// <summary>Where moto listens, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Endpoint { get; }

    /// <summary>The account id moto reports (MOTO_ACCOUNT_ID).</summary>
    public string AccountId { get; }

    /// <summary>The id of the child process (the watchdog on Unix).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts moto for <paramref name="accountId"/> on a free loopback port and waits until it answers.</summary>
    public static Task<MotoServer> StartAsync(string accountId, CancellationToken cancellationToken = default) =>
        StartAsync(new MotoServerOptions { AccountId = accountId }, cancellationToken);

    /// <summary>Starts moto as <paramref name="options"/> say and waits (bounded) until it answers HTTP.</summary>
    /// <exception cref="MotoServerException">moto_server is not installed, exits, or does not answer in time.</exception>
    public static Task<MotoServer> StartAsync(MotoServerOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, Environment.ProcessId, cancellationToken);

    /// <summary>For tests: the watchdog follows <paramref name="parentProcessId"/> instead of this process.</summary>
    internal static async Task<MotoServer> StartAsync(MotoServerOptions options, int parentProcessId, CancellationToken cancellationToken)
    {
        options.ThrowIfInvalid();
        var executable = MotoProcess.ResolveExecutable(options.Executable);

        // A free port can be taken between finding and binding it; moto then exits at once, so try again.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : MotoProcess.FindFreePort();
            var server = Launch(executable, options.AccountId, port, parentProcessId);
            try
            {
                await MotoProcess.WaitUntilReadyAsync(
                    server.Endpoint, () => server._process.HasExited, server.Output, options.StartupTimeout, cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (MotoServerException) when (options.Port == 0 && attempt < 3 && server._process.HasExited)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Settings that point every AWS client at this server, with moto's dummy credentials.</summary>
    public AwsEnvironment ToAwsEnvironment(string region = "us-east-1") =>
        AwsEnvironment.ForEndpoint(Endpoint, region, new BasicAWSCredentials("testing", "testing"));

    /// <summary>Forgets every resource moto holds (POST /moto-api/reset), e.g. between tests.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops moto (the whole process tree) and waits for it to go.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed but slow to be reaped: nothing more to do, and disposal must not hang.
        }

        _process.Dispose();
    }

    private static MotoServer Launch(string executable, string accountId, int port, int parentProcessId)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (OperatingSystem.IsWindows())
        {
            start.FileName = executable;
        }
        else
        {
            // In a session of its own (setsid), Ctrl-C in the terminal reaches only the controller,
            // which then stops in order: the loop releases its lease while moto still answers, and
            // moto is stopped last. Without it the terminal's SIGINT took moto down first.
            if (SetsidPath() is { } setsid)
            {
                start.FileName = setsid;
                start.ArgumentList.Add("/bin/sh");
            }
            else
            {
                start.FileName = "/bin/sh";
            }

            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(WatchdogScript);
            start.ArgumentList.Add("moto-watchdog");
            start.ArgumentList.Add(parentProcessId.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(executable);
        }

        foreach (var argument in MotoProcess.ServerArguments(port))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MOTO_ACCOUNT_ID"] = accountId;

        // The sandbox holds no function packages: moto then records a Lambda function whose code is
        // a bucket object without fetching the object (a real account needs the package uploaded).
        start.Environment["VALIDATE_LAMBDA_S3"] = "false";

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler keep = (sender, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            while (output.Count > OutputLines && output.TryDequeue(out _))
            {
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new MotoServerException($"{MotoProcess.NotFoundMessage} ({ex.Message})", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new MotoServer(process, output, new Uri($"http://{MotoProcess.Host}:{port}/"), accountId);
    }

    internal static string? SetsidPath() =>
        new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    private string Output() => string.Join(Environment.NewLine, _output);

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
