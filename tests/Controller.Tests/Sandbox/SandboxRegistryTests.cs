using System.Diagnostics;
using System.Text.Json;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Controller.Tests.Sandbox;

/// <summary>Starts real, detached moto_server processes; each test stops what it started.</summary>
public sealed class SandboxRegistryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reconciler-sandbox-").FullName;

    private string StateFile => Path.Combine(_directory, ".reconciler", "sandbox.json");

    [Fact]
    public async Task UpAsync_StartsDetachedMotoAndRecordsIt_ForLaterCommands()
    {
        var registry = new SandboxRegistry(StateFile);
        try
        {
            var info = await registry.UpAsync("210987654321");

            Assert.Equal("127.0.0.1", info.Endpoint.Host);
            Assert.Equal("210987654321", info.AccountId);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(StateFile));
            Assert.Equal(info.Endpoint.ToString(), document.RootElement.GetProperty("endpoint").GetString());
            Assert.Equal(info.ProcessId, document.RootElement.GetProperty("pid").GetInt32());
            Assert.Equal("210987654321", document.RootElement.GetProperty("accountId").GetString());

            // A later command, in a new registry object, finds the same sandbox.
            Assert.Equal(info, new SandboxRegistry(StateFile).TryGetRunning());
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var answer = await http.GetAsync(new Uri(info.Endpoint, "/moto-api/data.json"));
            Assert.True(answer.IsSuccessStatusCode);
        }
        finally
        {
            await registry.DownAsync();
        }
    }

    [Fact]
    public async Task Announce_ARunsOwnSandbox_IsFoundWhileItRuns_AndForgottenAfter()
    {
        await using var moto = await MotoServer.StartAsync("123456789012");
        var info = new SandboxInfo(moto.Endpoint, moto.ProcessId, moto.AccountId, DateTimeOffset.UtcNow);

        using (new SandboxRegistry(StateFile).Announce(info))
        {
            Assert.Equal(info, new SandboxRegistry(StateFile).TryGetRunning());
        }

        Assert.Null(new SandboxRegistry(StateFile).TryGetRunning());
        Assert.False(File.Exists(StateFile));
    }

    [Fact]
    public async Task Announce_WithASandboxUpRunning_LeavesThatOneAsTheSandbox()
    {
        var registry = new SandboxRegistry(StateFile);
        try
        {
            var up = await registry.UpAsync("123456789012");
            await using var moto = await MotoServer.StartAsync("123456789012");

            using (registry.Announce(new SandboxInfo(moto.Endpoint, moto.ProcessId, moto.AccountId, DateTimeOffset.UtcNow)))
            {
                Assert.Equal(up, registry.TryGetRunning());
            }

            Assert.Equal(up, registry.TryGetRunning());
        }
        finally
        {
            await registry.DownAsync();
        }
    }

    [Fact]
    public async Task UpAsync_AlreadyRunningForTheAccount_ReturnsItUnchanged()
    {
        var registry = new SandboxRegistry(StateFile);
        try
        {
            var first = await registry.UpAsync("123456789012");

            var second = await registry.UpAsync("123456789012");

            Assert.Equal(first, second);
        }
        finally
        {
            await registry.DownAsync();
        }
    }

    [Fact]
    public async Task UpAsync_RunningForAnotherAccount_RefusesAndSaysWhatToDo()
    {
        var registry = new SandboxRegistry(StateFile);
        try
        {
            var running = await registry.UpAsync("123456789012");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.UpAsync("210987654321"));

            Assert.Equal(
                $"A sandbox for account 123456789012 is already running at {running.Endpoint} (state file {StateFile}); run 'reconciler sandbox down' first.",
                error.Message);
        }
        finally
        {
            await registry.DownAsync();
        }
    }

    [Fact]
    public async Task DownAsync_Running_StopsMotoAndRemovesTheStateFile()
    {
        var registry = new SandboxRegistry(StateFile);
        var info = await registry.UpAsync("123456789012");

        var stopped = await registry.DownAsync();

        Assert.True(stopped);
        Assert.False(File.Exists(StateFile));
        Assert.Null(registry.TryGetRunning());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(info.Endpoint, "/moto-api/data.json")));
    }

    [Fact]
    public async Task DownAsync_StaleFileWhoseProcessIsGone_RemovesItAndReportsNothingStopped()
    {
        int deadPid;
        using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            await gone.WaitForExitAsync();
            deadPid = gone.Id;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(StateFile)!);
        await File.WriteAllTextAsync(
            StateFile,
            $$"""{"endpoint":"http://127.0.0.1:1/","pid":{{deadPid}},"accountId":"123456789012","startedAt":"2026-01-01T00:00:00+00:00"}""");
        var registry = new SandboxRegistry(StateFile);

        Assert.Null(registry.TryGetRunning());
        Assert.False(await registry.DownAsync());
        Assert.False(File.Exists(StateFile));
    }

    [Fact]
    public void TryGetRunning_NoStateFile_ReturnsNull()
    {
        Assert.Null(new SandboxRegistry(StateFile).TryGetRunning());
    }

    [Fact]
    public void Constructor_NoPath_UsesReconcilerSandboxFileVariable()
    {
        var previous = Environment.GetEnvironmentVariable(SandboxRegistry.StateFileVariable);
        try
        {
            Environment.SetEnvironmentVariable(SandboxRegistry.StateFileVariable, StateFile);

            Assert.Equal(StateFile, new SandboxRegistry().StateFile);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SandboxRegistry.StateFileVariable, previous);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
