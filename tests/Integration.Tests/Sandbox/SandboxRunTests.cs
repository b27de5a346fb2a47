using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Reconciler.Integration.Tests.Cli;

namespace Reconciler.Integration.Tests.Sandbox;

/// <summary><c>reconciler run desired-state/dev --sandbox</c> as a person runs it: the data plane comes up with the stack, answers through its proxy, and Ctrl-C stops its services.</summary>
public sealed partial class SandboxRunTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);
    private readonly StackFolder _folder = StackFolder.CopyOf("dev");
    private readonly string _home = Directory.CreateTempSubdirectory("reconciler-home-").FullName;

    [Fact]
    public async Task Run_Sandbox_ServesBlueAndGreenThroughTheProxy_AndCtrlCStopsTheServices()
    {
        using var run = ReconcilerProcess.Start(
            _home, new Dictionary<string, string>(), "run", _folder.Path, "--sandbox", "--sandbox-proxy", "127.0.0.1:0", "--sandbox-load", "5/s", "--listen", "127.0.0.1:0", "--log-format", "text");
        Assert.True(await run.WaitForOutputAsync("Cycle applied", Bound), run.Output);
        var started = Stopwatch.StartNew();
        while (ServedPids(run.Output).Length < 2 && started.Elapsed < Bound)
        {
            await Task.Delay(500);
        }

        var pids = ServedPids(run.Output);
        Assert.True(pids.Length == 2, run.Output);
        var proxy = new Uri(ProxyUrl().Match(run.Output).Groups[1].Value);
        using var http = new HttpClient();
        using var content = new StringContent("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[39.1,18.7,181,3750]}]}""", Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync(new Uri(proxy, "v2/models/penguins/infer"), content);

        run.PressCtrlC();
        var exit = await run.WaitForExitAsync(Bound);

        // The dev listener starts at blue 100 / green 0, and both serve version "1" until a rollout retags green.
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("1", answer.Headers.GetValues("x-model-version").Single());
        Assert.True(exit == 0, run.Output);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"inference service pid {pid} still runs after Ctrl-C"));
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SandboxProxyPortTaken_StopsWithOneLineNamingTheAddressAndTheOption()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var run = ReconcilerProcess.Start(_home, new Dictionary<string, string>(), "run", _folder.Path, "--sandbox", "--sandbox-proxy", $"127.0.0.1:{port}", "--listen", "127.0.0.1:0");
        var exit = await run.WaitForExitAsync(Bound);

        Assert.True(exit == 1, run.Output);
        Assert.Contains(
            $"error: the sandbox proxy cannot listen on 127.0.0.1:{port}: 127.0.0.1:{port} is already in use by another program. Choose another address with --sandbox-proxy",
            run.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private static int[] ServedPids(string output) =>
        [.. ServedLine().Matches(output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct()];

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"model version \S+ served at \S+ \(pid (\d+)\)")]
    private static partial Regex ServedLine();

    [GeneratedRegex(@"proxy \(the load balancer's stand-in\) at (\S+) ")]
    private static partial Regex ProxyUrl();
}
