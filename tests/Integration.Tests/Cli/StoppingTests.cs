using System.Net;
using System.Net.Sockets;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>How <c>reconciler run</c> refuses to start and how it stops, as seen in a terminal.</summary>
public sealed class StoppingTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    // A hang guard, not a speed target. Stopping the sandbox stops its load, proxy and two
    // inference services, then releases the lease through the emulator; on a CI machine whose two
    // cores run the other test classes too, that once took longer than 90 s.
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(240);
    private readonly StackFolder _folder = StackFolder.CopyOf("dev");
    private readonly string _home = Directory.CreateTempSubdirectory("reconciler-home-").FullName;

    [Fact]
    public async Task Run_ListenPortTaken_StopsWithOneLineAndNoStackTrace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var run = ReconcilerProcess.Start(_home, new Dictionary<string, string>(), "run", _folder.Path, "--sandbox", "--sandbox-proxy", "127.0.0.1:0", "--listen", $"127.0.0.1:{port}");
        var exit = await run.WaitForExitAsync(Bound);

        Assert.True(exit == 1, run.Output);
        Assert.Equal(
            $"error: cannot listen on 127.0.0.1:{port}: 127.0.0.1:{port} is already in use by another program. Choose another address with --listen (e.g. --listen 127.0.0.1:0 for any free port).",
            run.Output.Trim());
    }

    [Fact]
    public async Task Run_CtrlCInTheSandbox_ReleasesTheLeaseBeforeMotoStops()
    {
        using var run = ReconcilerProcess.Start(_home, new Dictionary<string, string>(), "run", _folder.Path, "--sandbox", "--sandbox-proxy", "127.0.0.1:0", "--listen", "127.0.0.1:0", "--log-format", "text");
        Assert.True(await run.WaitForOutputAsync("Cycle applied", Bound), run.Output);

        run.PressCtrlC();
        int exit;
        try
        {
            exit = await run.WaitForExitAsync(StopBound);
        }
        catch (OperationCanceledException)
        {
            // Say what it was doing instead of only that the wait ran out.
            Assert.Fail($"Still running {StopBound.TotalSeconds:0} s after Ctrl-C. Its output:\n{run.Output}");
            throw;
        }

        Assert.True(exit == 0, run.Output);
        Assert.Contains("released the lease of stack ml-platform-dev", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("could not", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
