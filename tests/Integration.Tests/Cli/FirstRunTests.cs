using System.Text.RegularExpressions;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// What a new user meets on a first run, with the real executable in a clean environment (no AWS
/// variables, no profile): a sandbox left running by <c>sandbox up</c>, no credentials at all,
/// a listen port picked by the system.
/// </summary>
public sealed partial class FirstRunTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private readonly StackFolder _folder = StackFolder.CopyOf("dev");
    private readonly string _home = Directory.CreateTempSubdirectory("reconciler-home-").FullName;

    [Fact]
    public async Task Run_AfterSandboxUp_ReconcilesAgainstThatSandboxAndLogsTheBoundPort()
    {
        var stateFile = Path.Combine(_home, ".reconciler", "sandbox.json");
        var registry = new SandboxRegistry(stateFile);
        await registry.UpAsync();
        try
        {
            using var run = ReconcilerProcess.Start(_home, new Dictionary<string, string> { [SandboxRegistry.StateFileVariable] = stateFile },
                "run", _folder.Path, "--listen", "127.0.0.1:0", "--log-format", "text");

            Assert.True(await run.WaitForOutputAsync("Cycle applied", Bound), run.Output);
            Assert.Contains("Sandbox: using the one left running by 'reconciler sandbox up'", run.Output, StringComparison.Ordinal);
            var port = int.Parse(ListeningOn().Match(run.Output).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.NotEqual(0, port);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal("ok\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz")));
        }
        finally
        {
            await registry.DownAsync();
        }
    }

    [Fact]
    public async Task Run_WithoutCredentialsOrSandbox_StopsWithOneLineSayingWhatToDo()
    {
        using var run = ReconcilerProcess.Start(_home, new Dictionary<string, string>(), "run", _folder.Path, "--listen", "127.0.0.1:0", "--log-format", "text");

        var exit = await run.WaitForExitAsync(Bound);

        Assert.True(exit == 1, run.Output);
        Assert.Contains(
            "error: no AWS credentials found. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or try it locally: add --sandbox, or start an emulator with 'reconciler sandbox up'.",
            run.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SandboxWithoutMoto_StopsWithOneLineSayingHowToInstallIt()
    {
        // A PATH without the Python environment that provides moto_server.
        using var run = ReconcilerProcess.Start(_home, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            "run", _folder.Path, "--sandbox", "--sandbox-proxy", "127.0.0.1:0", "--listen", "127.0.0.1:0", "--log-format", "text");

        var exit = await run.WaitForExitAsync(Bound);

        Assert.True(exit == 1, run.Output);
        Assert.Contains("error: moto_server not found; install it with pip install 'moto[server]'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JsonLogs_CarryTheCycleIdAsAScopeField()
    {
        using var run = ReconcilerProcess.Start(_home, new Dictionary<string, string>(), "run", _folder.Path, "--sandbox", "--sandbox-proxy", "127.0.0.1:0", "--listen", "127.0.0.1:0");

        Assert.True(await run.WaitForOutputAsync("Cycle applied", Bound), run.Output);

        var cycle = run.Output.Split('\n').Single(l => l.Contains("Cycle applied", StringComparison.Ordinal));
        Assert.Matches("\"Scopes\":\\[\\{\"Message\":\"ReconcileId:[0-9a-f]{12}\",\"ReconcileId\":\"[0-9a-f]{12}\"\\}\\]", cycle);
        Assert.DoesNotContain("System.Collections.Generic", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [GeneratedRegex(@"Listening on http://127\.0\.0\.1:(?<port>\d+) ")]
    private static partial Regex ListeningOn();
}
