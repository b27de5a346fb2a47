using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>A standby follows the source at the poll interval or on a trigger, not at every lease retry.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class StandbyFollowingTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Stack = "standby-following";
    private static readonly string[] Timings = ["--interval", "1h", "--lease-duration", "6s", "--renew-deadline", "4s", "--retry-period", "1s"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-standby-" + Guid.NewGuid().ToString("N"));

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
    public async Task Standby_ReadsTheSourceOnTriggerOrInterval_NotAtEveryLeaseRetry()
    {
        SmallStack.Write(_folder, Stack);
        await using var leader = await InProcessDaemon.StartAsync(emulator.Environment, [_folder, "--replica-id", "leader", .. Timings]);
        Assert.True(await leader.StatusReachesAsync("role", "leader", TimeSpan.FromSeconds(30)), leader.Output);
        await using var standby = await InProcessDaemon.StartAsync(emulator.Environment, [_folder, "--replica-id", "standby", .. Timings]);
        Assert.True(await standby.StatusReachesAsync("role", "standby", TimeSpan.FromSeconds(30)), standby.Output);
        var first = (string?)(await standby.Client.StatusAsync())!["goodRevision"];

        File.AppendAllText(Path.Combine(_folder, "logs.yaml"), "# a new revision\n");
        // Five lease retries pass; before, each one read the source (a git fetch for git sources).
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(first, (string?)(await standby.Client.StatusAsync())!["goodRevision"]);

        await standby.Client.TriggerAsync();
        Assert.True(
            await DaemonClient.EventuallyAsync(async () => (string?)(await standby.Client.StatusAsync())!["goodRevision"] != first, TimeSpan.FromSeconds(20)),
            standby.Output);
    }
}
