using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// desired-state/prod as shipped, on an empty emulator account through the command line: it
/// builds, the follow-up plan is empty, and a second apply sends no mutating request. What it
/// built is checked with the aws CLI, one system at a time.
/// </summary>
public sealed class ProdStackTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private const string Stack = "ml-platform-prod";
    private readonly StackFolder _folder = StackFolder.CopyOf("prod");
    private readonly CliHarness _cli = new(emulator.Environment);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Apply_ProdOnAnEmptyAccount_ThenPlanIsEmptyAndASecondApplyWritesNothing()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var plan = await _cli.RunAsync("plan", _folder.Path);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("No changes.", plan.Output, StringComparison.Ordinal);

        var again = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        var writes = _cli.RequestLog.Records().Where(r => r.IsWrite).Select(r => $"{r.Service}:{r.Operation}").ToList();
        Assert.True(writes.Count == 0, $"The second apply wrote: {string.Join(", ", writes)}");
    }

    [Fact]
    public async Task Apply_Prod_BuildsEachSystemOfThePlatform()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var vpc = Assert.Single((await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray())!;
        Assert.Equal("10.20.0.0/16", (string?)vpc["CidrBlock"]);
        var zones = (await _aws.RunAsync("ec2", "describe-subnets", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Subnets"]!.AsArray()
            .Select(s => (string)s!["AvailabilityZone"]!).Distinct().Count();
        Assert.Equal(2, zones);
        Assert.Equal("Enabled", (string?)(await _aws.RunAsync("s3api", "get-bucket-versioning", "--bucket", $"{Stack}-models"))!["Status"]);
        var logGroups = (await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/"))!["logGroups"]!.AsArray();
        Assert.All(logGroups, g => Assert.Equal(90, (int)g!["retentionInDays"]!));
    }
}
