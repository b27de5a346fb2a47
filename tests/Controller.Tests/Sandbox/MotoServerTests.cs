using System.Diagnostics;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Controller.Tests.Sandbox;

/// <summary>Starts real moto_server processes on loopback ports.</summary>
public sealed class MotoServerTests
{
    [Fact]
    public async Task StartAsync_AnswersOnLoopback_AndDisposeStopsIt()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var server = await MotoServer.StartAsync("123456789012");
        Uri endpoint;
        await using (server)
        {
            endpoint = server.Endpoint;
            Assert.Equal("127.0.0.1", endpoint.Host);
            Assert.Equal("123456789012", server.AccountId);
            using var answer = await http.GetAsync(new Uri(endpoint, "/moto-api/data.json"));
            Assert.True(answer.IsSuccessStatusCode);
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(endpoint, "/moto-api/data.json")));
    }

    [Fact]
    public async Task StartAsync_MissingExecutable_SaysHowToInstallMoto()
    {
        var error = await Assert.ThrowsAsync<MotoServerException>(
            () => MotoServer.StartAsync(new MotoServerOptions { Executable = "moto_server_that_is_not_installed" }));

        Assert.Equal("moto_server not found; install it with pip install 'moto[server]'", error.Message);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ListsEveryProblem()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => MotoServer.StartAsync(new MotoServerOptions { AccountId = "42", Port = 70000 }));

        Assert.Equal(
            "Moto server options are invalid: Moto AccountId '42' is not a 12-digit AWS account id; use e.g. 123456789012. "
            + "Moto Port 70000 is out of range; use 0 for a free port or a port between 1 and 65535.",
            error.Message);
    }

    [Fact]
    public async Task Watchdog_ParentProcessDies_MotoStopsWithIt()
    {
        // A stand-in parent that the test can kill without killing itself.
        using var parent = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await using var server = await MotoServer.StartAsync(new MotoServerOptions(), parent.Id, CancellationToken.None);
        using (var before = await http.GetAsync(new Uri(server.Endpoint, "/moto-api/data.json")))
        {
            Assert.True(before.IsSuccessStatusCode);
        }

        parent.Kill();
        await parent.WaitForExitAsync();

        // The watchdog polls once a second; give it a bounded while to notice.
        var stopped = false;
        for (var i = 0; i < 100 && !stopped; i++)
        {
            try
            {
                using var answer = await http.GetAsync(new Uri(server.Endpoint, "/moto-api/data.json"));
                await Task.Delay(200);
            }
            catch (HttpRequestException)
            {
                stopped = true;
            }
        }

        Assert.True(stopped, "moto kept answering after its parent died");
    }
}
