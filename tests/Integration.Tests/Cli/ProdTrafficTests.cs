using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// desired-state/prod's traffic half through the command line: the public entry point it builds,
/// checked with the aws CLI, and the listener's weights, which belong to the rollout controller
/// once created, moved behind the reconciler's back without the plan seeing drift.
/// </summary>
public sealed class ProdTrafficTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
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
    public async Task Apply_Prod_BuildsAnHttpsEntryPointWithBlueTakingAllTraffic()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var balancer = Assert.Single((await _aws.RunAsync("elbv2", "describe-load-balancers", "--names", $"{Stack}-web"))!["LoadBalancers"]!.AsArray())!;
        Assert.Equal("internet-facing", (string?)balancer["Scheme"]);
        var attributes = await AttributesAsync((string)balancer["LoadBalancerArn"]!);
        Assert.Equal(("true", "true", $"{Stack}-alb-logs", "true"), (attributes["deletion_protection.enabled"], attributes["access_logs.s3.enabled"], attributes["access_logs.s3.bucket"], attributes["routing.http.drop_invalid_header_fields.enabled"]));
        var listeners = (await _aws.RunAsync("elbv2", "describe-listeners", "--load-balancer-arn", (string)balancer["LoadBalancerArn"]!))!["Listeners"]!.AsArray();
        var http = listeners.Single(l => (int)l!["Port"]! == 80)!;
        Assert.Equal(("redirect", "HTTPS", "HTTP_301"), ((string?)http["DefaultActions"]![0]!["Type"], (string?)http["DefaultActions"]![0]!["RedirectConfig"]!["Protocol"], (string?)http["DefaultActions"]![0]!["RedirectConfig"]!["StatusCode"]));
        var https = listeners.Single(l => (int)l!["Port"]! == 443)!;
        Assert.Equal("ELBSecurityPolicy-TLS13-1-2-2021-06", (string?)https["SslPolicy"]);
        Assert.Equal([0, 100], Weights(https).Order());
    }

    [Fact]
    public async Task Plan_RolloutMovedTheWeightsWithTheAwsCli_ShowsNoChanges()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var balancer = (string)(await _aws.RunAsync("elbv2", "describe-load-balancers", "--names", $"{Stack}-web"))!["LoadBalancers"]![0]!["LoadBalancerArn"]!;
        var https = (await _aws.RunAsync("elbv2", "describe-listeners", "--load-balancer-arn", balancer))!["Listeners"]!.AsArray().Single(l => (int)l!["Port"]! == 443)!;

        var action = https["DefaultActions"]!.DeepClone().AsArray();
        foreach (var group in action[0]!["ForwardConfig"]!["TargetGroups"]!.AsArray())
        {
            group!["Weight"] = (int)group["Weight"]! == 100 ? 20 : 80;
        }

        await _aws.RunAsync("elbv2", "modify-listener", "--listener-arn", (string)https["ListenerArn"]!, "--default-actions", action.ToJsonString());
        var plan = await _cli.RunAsync("plan", _folder.Path);

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("No changes.", plan.Output, StringComparison.Ordinal);
        var moved = (await _aws.RunAsync("elbv2", "describe-listeners", "--listener-arns", (string)https["ListenerArn"]!))!["Listeners"]![0]!;
        Assert.Equal([20, 80], Weights(moved).Order());
    }

    private static IEnumerable<int> Weights(JsonNode listener) =>
        listener["DefaultActions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray().Select(g => (int)g!["Weight"]!);

    private async Task<Dictionary<string, string>> AttributesAsync(string arn) =>
        (await _aws.RunAsync("elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", arn))!["Attributes"]!.AsArray()
            .ToDictionary(a => (string)a!["Key"]!, a => (string)a!["Value"]!);
}
