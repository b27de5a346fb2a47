using Reconciler.Integration.Tests.Emulator;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// Several controller replicas as real processes over one stack: exactly one leads; killing the
/// leader hands over within the lease bound; a leader frozen past its lease writes nothing to
/// AWS when it wakes.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ReplicaFailoverTests(AwsEmulatorFixture emulator, ITestOutputHelper output) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Stack = "replicas";
    // Short enough for a quick test, long enough that three replicas and moto on two cores renew in time.
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-replicas-" + Guid.NewGuid().ToString("N"));
    private readonly List<ReplicaProcess> _replicas = [];

    public Task InitializeAsync()
    {
        SmallStack.Write(_folder, Stack);
        return emulator.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_ThreeReplicas_ExactlyOneLeads()
    {
        Start("r1", "r2", "r3");
        var leader = await LeaderAsync(TimeSpan.FromSeconds(90));
        await AllRunningAsync();

        for (var sample = 0; sample < 20; sample++)
        {
            var roles = await Task.WhenAll(_replicas.Select(r => r.RoleAsync()));
            Assert.True(roles.Count(r => r == "leader") == 1, $"sample {sample}: {string.Join(", ", roles)}");
            Assert.Equal("leader", await leader.RoleAsync());
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Run_LeaderKilled_AStandbyLeadsWithinLeaseDurationPlusRetry()
    {
        Start("r1", "r2");
        var leader = await LeaderAsync(TimeSpan.FromSeconds(90));
        var standby = _replicas.Single(r => r != leader);
        await AllRunningAsync();
        Assert.Equal("standby", await standby.RoleAsync());

        leader.Kill();
        var killed = DateTime.UtcNow;
        Assert.True(await DaemonClient.EventuallyAsync(async () => await standby.RoleAsync() == "leader", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)), standby.Output);
        var took = DateTime.UtcNow - killed;
        output.WriteLine($"standby led {took.TotalMilliseconds:0} ms after the leader was killed");

        // The bound of the design, plus what the test's own polling and a loaded 2-core machine add.
        Assert.True(took <= LeaseDuration + (RetryPeriod * 1.2) + TimeSpan.FromSeconds(2), $"took {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Run_LeaderFrozenPastItsLease_MakesNoAwsWriteAfterWaking()
    {
        Start("r1", "r2");
        var leader = await LeaderAsync(TimeSpan.FromSeconds(90));
        var standby = _replicas.Single(r => r != leader);
        // Leading means writing: at least the run record of its first cycle.
        Assert.True(
            await DaemonClient.EventuallyAsync(() => Task.FromResult(leader.WritesSentSince(DateTimeOffset.MinValue).Count > 0), TimeSpan.FromSeconds(60)),
            leader.Output);

        leader.Freeze();
        Assert.True(await DaemonClient.EventuallyAsync(async () => await standby.RoleAsync() == "leader", TimeSpan.FromSeconds(30)), standby.Output);
        var thawed = DateTimeOffset.UtcNow;
        leader.Thaw();
        await Task.Delay(LeaseDuration * 2);

        Assert.Empty(leader.WritesSentSince(thawed));
        Assert.Equal("standby", await leader.RoleAsync());
        Assert.Equal("leader", await standby.RoleAsync());
    }

    private void Start(params string[] names)
    {
        foreach (var name in names)
        {
            _replicas.Add(ReplicaProcess.Start(
                name, emulator.Endpoint, _folder,
                "--interval", "1s", "--lease-duration", "6s", "--renew-deadline", "4s", "--retry-period", "1s"));
        }
    }

    // Past start-up: every replica is leader or standby.
    private async Task AllRunningAsync() =>
        Assert.True(
            await DaemonClient.EventuallyAsync(
                async () => (await Task.WhenAll(_replicas.Select(r => r.RoleAsync()))).All(r => r is "leader" or "standby"),
                TimeSpan.FromSeconds(60)),
            ReplicaProcess.Outputs(_replicas));

    private Task<ReplicaProcess> LeaderAsync(TimeSpan timeout) => ReplicaProcess.LeaderAsync(_replicas, timeout);
}
