using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary><c>reconciler status</c> reads what the daemon recorded, from the state table, as anyone else would.</summary>
public sealed class StatusCommandTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Stack = "status-shown";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-status-" + Guid.NewGuid().ToString("N"));
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Status_NothingRecorded_SaysHowToStartTheController()
    {
        var status = await new CliHarness(emulator.Environment).RunAsync("status");

        Assert.Equal(1, status.ExitCode);
        Assert.Contains("No stack has a recorded run in table reconciler-state", status.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("rollout", "status", "penguins")]
    public async Task ReadCommands_InAFolderWithoutSandboxAndNoRegion_SayWhereTheSandboxIsFound(params string[] command)
    {
        Directory.CreateDirectory(_folder);
        using var run = ReconcilerProcess.Start(_folder, new Dictionary<string, string>(), command);

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains($"no sandbox is recorded in {Path.Combine(_folder, ".reconciler", "sandbox.json")} and no AWS region is set", run.Output, StringComparison.Ordinal);
        Assert.Contains("run this in the folder where 'run --sandbox'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterCyclesWithDrift_ShowsLeaderRevisionResourcesAndOpenAlerts()
    {
        SmallStack.Write(_folder, Stack, drift: "alert");
        await using var daemon = await InProcessDaemon.StartAsync(emulator.Environment, _folder, "--interval", "1s", "--replica-id", "replica-a");
        Assert.True(await DaemonClient.EventuallyAsync(async () => (string?)(await daemon.Client.StatusAsync())?["appliedRevision"] is not null, TimeSpan.FromSeconds(60)), daemon.Output);
        await _aws.RunAsync("logs", "put-retention-policy", "--log-group-name", $"/{Stack}/inference", "--retention-in-days", "30");
        var cli = new CliHarness(emulator.Environment);
        Assert.True(await DaemonClient.EventuallyAsync(async () => (await cli.RunAsync("status", "--json")).Output.Contains("\"drifted\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20)));

        var text = await cli.RunAsync("status");
        var json = JsonNode.Parse((await cli.RunAsync("status", "--json", "--stack", Stack)).Output)!;

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"Stack:     {Stack}", text.Output, StringComparison.Ordinal);
        Assert.Contains("Leader:    replica-a (fencing token 1)", text.Output, StringComparison.Ordinal);
        Assert.Contains("drifted         LogGroup/inference", text.Output, StringComparison.Ordinal);
        Assert.Contains("in-sync         LogGroup/controller", text.Output, StringComparison.Ordinal);
        Assert.Contains("Open drift alerts: 1", text.Output, StringComparison.Ordinal);
        Assert.Equal("replica-a", (string?)json["leader"]);
        Assert.Equal(1, (long?)json["fencingToken"]);
        Assert.Equal("drifted", (string?)json["run"]!["resources"]!["LogGroup/inference"]!["state"]);
        Assert.False(string.IsNullOrEmpty((string?)json["run"]!["appliedRevision"]));
        Assert.Single(json["openAlerts"]!.AsArray());

        // The daemon's own /status shows each resource's state too, as the README says, not only counts.
        var endpoint = (await daemon.Client.StatusAsync())!;
        Assert.Equal("drifted", (string?)endpoint["resources"]!["LogGroup/inference"]!["state"]);
        Assert.Equal("in-sync", (string?)endpoint["resources"]!["LogGroup/controller"]!["state"]);
        Assert.Equal(1, (int?)endpoint["resourceCounts"]!["drifted"]);
    }

    [Fact]
    public async Task Status_AfterApplyByHand_ShowsEachResource()
    {
        SmallStack.Write(_folder, Stack, drift: "alert");
        var cli = new CliHarness(emulator.Environment);
        var applied = await cli.RunAsync("apply", _folder);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var status = await cli.RunAsync("status");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"Stack:     {Stack}", status.Output, StringComparison.Ordinal);
        Assert.Contains("(reconciler apply) at ", status.Output, StringComparison.Ordinal);
        Assert.Contains("in-sync         LogGroup/inference", status.Output, StringComparison.Ordinal);
    }
}
