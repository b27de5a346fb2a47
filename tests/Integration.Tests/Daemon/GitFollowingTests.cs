using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>The daemon following a git branch: commits applied, broken ones refused, the next good one applied.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class GitFollowingTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private const string Stack = "git-following";
    private readonly GitRepository _repository = new();
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync()
    {
        _repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_NewCommit_IsAppliedWithinOnePollIntervalAndAtOnceOnTrigger()
    {
        SmallStack.Write(_repository.Folder, Stack);
        var first = _repository.Commit("Log groups with 14 days");
        await using (var daemon = await InProcessDaemon.StartAsync(emulator.Environment, _repository.Path, "--path", "desired-state/dev", "--interval", "3s"))
        {
            Assert.True(await daemon.StatusReachesAsync("appliedRevision", first, TimeSpan.FromSeconds(60)), daemon.Output);

            SmallStack.Write(_repository.Folder, Stack, retentionDays: 30);
            var second = _repository.Commit("Keep inference logs 30 days");
            var committed = DateTime.UtcNow;
            Assert.True(await daemon.StatusReachesAsync("appliedRevision", second, TimeSpan.FromSeconds(30)), daemon.Output);
            var took = DateTime.UtcNow - committed;

            // One poll interval (3 s plus up to 10 % jitter) and the cycle that applies it.
            Assert.True(took < TimeSpan.FromSeconds(3.3 + 5), $"applied {took.TotalSeconds:0.0} s after the commit");
            Assert.Equal(30, await RetentionAsync("inference"));
        }

        await using (var daemon = await InProcessDaemon.StartAsync(emulator.Environment, _repository.Path, "--path", "desired-state/dev", "--interval", "10m"))
        {
            Assert.True(await daemon.StatusReachesAsync("role", "leader", TimeSpan.FromSeconds(60)), daemon.Output);
            SmallStack.Write(_repository.Folder, Stack, retentionDays: 60);
            var third = _repository.Commit("Keep inference logs 60 days");

            await daemon.Client.TriggerAsync();

            Assert.True(await daemon.StatusReachesAsync("appliedRevision", third, TimeSpan.FromSeconds(20)), daemon.Output);
            Assert.Equal(60, await RetentionAsync("inference"));
        }
    }

    [Fact]
    public async Task Run_BrokenCommit_ChangesNothingIsReportedAndTheNextGoodOneApplies()
    {
        SmallStack.Write(_repository.Folder, Stack);
        var good = _repository.Commit("Log groups");
        using var webhooks = new WebhookReceiver();
        await using var daemon = await InProcessDaemon.StartAsync(
            emulator.Environment, _repository.Path, "--path", "desired-state/dev", "--interval", "10m", "--webhook", webhooks.Url("json"));
        Assert.True(await daemon.StatusReachesAsync("appliedRevision", good, TimeSpan.FromSeconds(60)), daemon.Output);

        var logs = Path.Combine(_repository.Folder, "logs.yaml");
        File.WriteAllText(logs, File.ReadAllText(logs).Replace("retentionDays: 14", "retentionDayz: 30", StringComparison.Ordinal));
        var broken = _repository.Commit("Typo");
        await daemon.Client.TriggerAsync();

        Assert.True(await daemon.StatusReachesAsync("latestRevision", broken, TimeSpan.FromSeconds(20)), daemon.Output);
        var status = (await daemon.Client.StatusAsync())!;
        Assert.Equal(good, (string?)status["appliedRevision"]);
        Assert.Contains("logs.yaml:", (string?)status["lastError"], StringComparison.Ordinal);
        Assert.Contains("retentionDayz", (string?)status["lastError"], StringComparison.Ordinal);
        Assert.Contains("was not applied", (string?)status["lastError"], StringComparison.Ordinal);
        Assert.Equal(14, await RetentionAsync("controller"));
        Assert.True(await DaemonClient.EventuallyAsync(() => Task.FromResult(webhooks.On("json").Count >= 1), TimeSpan.FromSeconds(10)));
        var notice = Assert.Single(webhooks.On("json"));
        Assert.Equal("revision-rejected", (string?)notice["type"]);
        Assert.Equal(broken, (string?)notice["revision"]);
        Assert.Equal(good, (string?)notice["inForce"]);
        Assert.Contains("retentionDayz", (string?)notice["error"], StringComparison.Ordinal);

        SmallStack.Write(_repository.Folder, Stack, retentionDays: 30);
        var fixedRevision = _repository.Commit("Fix the typo");
        await daemon.Client.TriggerAsync();

        Assert.True(await daemon.StatusReachesAsync("appliedRevision", fixedRevision, TimeSpan.FromSeconds(20)), daemon.Output);
        Assert.Null((string?)(await daemon.Client.StatusAsync())!["lastError"]);
        Assert.Equal(30, await RetentionAsync("inference"));
    }

    private async Task<int?> RetentionAsync(string name)
    {
        var groups = (await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/{name}"))!["logGroups"]!.AsArray();
        return (int?)groups.Single()!["retentionInDays"];
    }
}
