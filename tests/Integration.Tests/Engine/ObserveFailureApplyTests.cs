using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Engine;

/// <summary>
/// `reconciler apply` while one service does not answer (CloudWatch Logs pointed at a closed
/// port): the other kinds are applied, the unobservable kind is reported and the run exits
/// non-zero, and nothing of that kind is created or deleted until it can be observed again.
/// </summary>
public sealed class ObserveFailureApplyTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private const string Stack = "engine-observe";
    private const string Resources = """
        kind: Vpc
        metadata: { name: main }
        spec: { cidrBlock: 10.50.0.0/16 }
        ---
        kind: Bucket
        metadata: { name: models }
        spec: {}
        ---
        kind: LogGroup
        metadata: { name: app }
        spec: { retentionDays: 14 }
        """;

    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Apply_LogsUnreachable_OtherKindsAppliedLogGroupSkippedAndExitNonZero()
    {
        using var folder = new EngineStackFolder(Stack, emulator.AccountId, Resources);

        var failed = await LogsDown().RunAsync("apply", folder.Path);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("! LogGroup/app: not observed: observing LogGroup failed", failed.Output, StringComparison.Ordinal);
        Assert.Single((await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray());
        Assert.NotNull(await _aws.RunAsync("s3api", "head-bucket", "--bucket", $"{Stack}-models"));
        Assert.Empty((await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/"))!["logGroups"]!.AsArray());

        var healed = await new CliHarness(emulator.Environment).RunAsync("apply", folder.Path);

        Assert.True(healed.ExitCode == 0, healed.ToString());
        Assert.Single((await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/"))!["logGroups"]!.AsArray());
    }

    [Fact]
    public async Task Plan_LogsUnreachable_ListsTheSkippedLogGroupAndExitsOne()
    {
        using var folder = new EngineStackFolder(Stack, emulator.AccountId, Resources);
        var applied = await new CliHarness(emulator.Environment).RunAsync("apply", folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var plan = await LogsDown().RunAsync("plan", folder.Path);

        // The rest is in sync, yet the plan cannot say "no changes" for a kind it could not read.
        Assert.True(plan.ExitCode == 1, plan.ToString());
        Assert.Contains("? LogGroup/app", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_LogsUnreachableAndLogGroupDocumentRemoved_LogGroupNotDeleted()
    {
        using var folder = new EngineStackFolder(Stack, emulator.AccountId, Resources);
        var applied = await new CliHarness(emulator.Environment).RunAsync("apply", folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        folder.Write(Resources[..Resources.IndexOf("---\nkind: LogGroup", StringComparison.Ordinal)]);

        var failed = await LogsDown().RunAsync("apply", folder.Path);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Single((await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/"))!["logGroups"]!.AsArray());
        var deleted = await new CliHarness(emulator.Environment).RunAsync("apply", folder.Path);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Empty((await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/"))!["logGroups"]!.AsArray());
    }

    private CliHarness LogsDown() => new(emulator.Environment with
    {
        ServiceEndpoints = new Dictionary<string, Uri> { ["CLOUDWATCH_LOGS"] = new("http://127.0.0.1:1/") },
        Retry = new AwsRetryOptions { MaxAttempts = 1 },
    });
}
