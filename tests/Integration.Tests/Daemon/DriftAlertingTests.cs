using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// A change made behind the controller's back: one alert (not one per cycle), left alone under
/// <c>alert</c>, corrected under <c>heal</c>, and a resolved notice once in sync; the webhook
/// bodies checked as a receiver sees them.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class DriftAlertingTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Stack = "drift-alerting";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-drift-" + Guid.NewGuid().ToString("N"));
    private readonly WebhookReceiver _webhooks = new();
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _webhooks.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_OutOfBandChangeUnderAlert_AlertsOnceLeavesItAndResolvesWhenChangedBack()
    {
        SmallStack.Write(_folder, Stack, drift: "alert");
        await using var daemon = await StartAsync();
        await SetRetentionAsync("inference", 30);

        Assert.True(await DaemonClient.EventuallyAsync(() => Task.FromResult(_webhooks.On("json").Count >= 1), TimeSpan.FromSeconds(20)), daemon.Output);
        await Task.Delay(TimeSpan.FromSeconds(4)); // several more cycles at a 1 s interval

        var alert = Assert.Single(_webhooks.On("json"));
        Assert.Equal("drift", (string?)alert["type"]);
        Assert.Equal("new", (string?)alert["notification"]);
        Assert.Equal(Stack, (string?)alert["stack"]);
        Assert.Equal("LogGroup/inference", (string?)alert["resource"]);
        var field = Assert.Single(alert["fields"]!.AsArray())!;
        Assert.Equal("retentionDays", (string?)field["path"]);
        Assert.Equal("14", field["desired"]!.ToJsonString());
        Assert.Equal("30", field["live"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty((string?)alert["revision"]));
        var slack = Assert.Single(_webhooks.On("slack"));
        Assert.Contains("LogGroup/inference", (string?)slack["text"], StringComparison.Ordinal);
        Assert.Equal(30, await RetentionAsync("inference"));

        await SetRetentionAsync("inference", 14);

        Assert.True(await DaemonClient.EventuallyAsync(() => Task.FromResult(_webhooks.On("json").Count >= 2), TimeSpan.FromSeconds(20)), daemon.Output);
        var resolved = _webhooks.On("json")[1];
        Assert.Equal("drift-resolved", (string?)resolved["type"]);
        Assert.Equal("LogGroup/inference", (string?)resolved["resource"]);
    }

    [Fact]
    public async Task Run_OutOfBandChangeUnderHeal_IsCorrectedAndReported()
    {
        SmallStack.Write(_folder, Stack, drift: "alert", logGroupDrift: "heal");
        await using var daemon = await StartAsync();
        await SetRetentionAsync("inference", 30);

        Assert.True(await DaemonClient.EventuallyAsync(async () => await RetentionAsync("inference") == 14, TimeSpan.FromSeconds(20)), daemon.Output);
        Assert.True(await DaemonClient.EventuallyAsync(() => Task.FromResult(_webhooks.On("json").Count >= 1), TimeSpan.FromSeconds(20)), daemon.Output);
        var healed = _webhooks.On("json")[0];
        Assert.Equal("healed", (string?)healed["notification"]);
        Assert.Equal("LogGroup/inference", (string?)healed["resource"]);
    }

    private async Task<InProcessDaemon> StartAsync()
    {
        var daemon = await InProcessDaemon.StartAsync(
            emulator.Environment, _folder, "--interval", "1s", "--webhook", _webhooks.Url("json"), "--slack-webhook", _webhooks.Url("slack"));
        Assert.True(await DaemonClient.EventuallyAsync(async () => (string?)(await daemon.Client.StatusAsync())?["appliedRevision"] is not null, TimeSpan.FromSeconds(60)), daemon.Output);
        return daemon;
    }

    private Task SetRetentionAsync(string name, int days) =>
        _aws.RunAsync("logs", "put-retention-policy", "--log-group-name", $"/{Stack}/{name}", "--retention-in-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<int?> RetentionAsync(string name)
    {
        var groups = (await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/{name}"))!["logGroups"]!.AsArray();
        return (int?)groups.Single()!["retentionInDays"];
    }
}
