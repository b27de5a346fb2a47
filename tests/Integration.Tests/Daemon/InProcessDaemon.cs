using Reconciler.Controller.Aws;
using Reconciler.Controller.Cli;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// The daemon (<c>reconciler run</c>) running inside the test process against the emulator,
/// stopped as Ctrl-C would stop it.
/// </summary>
internal sealed class InProcessDaemon : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly Task<int> _running;

    private InProcessDaemon(AwsEnvironment aws, string[] args)
    {
        Port = Reconciler.Controller.Sandbox.MotoProcess.FindFreePort();
        Client = new DaemonClient(Port);
        var environment = new CliEnvironment { Output = _output, Errors = _output, Aws = aws };
        string[] all = ["run", .. args, "--listen", $"127.0.0.1:{Port}", "--log-format", "text"];
        _running = Task.Run(() => ReconcilerCli.RunAsync(all, environment, _stop.Token));
    }

    public int Port { get; }

    public DaemonClient Client { get; }

    /// <summary>What the daemon printed so far (its log lines, in text form).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a daemon and waits until it answers /healthz.</summary>
    public static async Task<InProcessDaemon> StartAsync(AwsEnvironment aws, params string[] args)
    {
        var daemon = new InProcessDaemon(aws, args);
        var up = await DaemonClient.EventuallyAsync(
            async () => daemon._running.IsCompleted || (await daemon.Client.StatusAsync()) is not null,
            TimeSpan.FromSeconds(60));
        if (daemon._running.IsCompleted || !up)
        {
            throw new InvalidOperationException($"The daemon did not start:\n{daemon.Output}");
        }

        return daemon;
    }

    /// <summary>Waits until /status shows <paramref name="field"/> equal to <paramref name="value"/>.</summary>
    public Task<bool> StatusReachesAsync(string field, string value, TimeSpan timeout) =>
        DaemonClient.EventuallyAsync(async () => (string?)(await Client.StatusAsync())?[field] == value, timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(40));
        }
        catch (TimeoutException)
        {
            // Reported by the test that needed a clean stop; nothing more to do here.
        }

        Client.Dispose();
        _stop.Dispose();
    }
}
