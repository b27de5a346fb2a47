using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// <c>reconciler bootstrap</c> on the emulator: on an empty account it creates the state table
/// and applies the folder; repeated, it finds both in place and writes nothing. What it made is
/// checked with the aws CLI.
/// </summary>
public sealed class BootstrapCommandTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private const string Stack = "ml-platform-dev";
    private const string StateTable = "reconciler-state";
    private readonly StackFolder _folder = StackFolder.CopyOf("dev");
    private readonly CliHarness _cli = new(emulator.Environment);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Bootstrap_EmptyAccount_CreatesTheStateTableThenAppliesTheFolder()
    {
        var tablesBefore = (await _aws.RunAsync("dynamodb", "list-tables"))!["TableNames"]!.AsArray();
        Assert.DoesNotContain(tablesBefore, t => (string?)t == StateTable);

        var run = await _cli.RunAsync("bootstrap", _folder.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"State table {StateTable}: created.\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("Outputs:", run.Output, StringComparison.Ordinal);
        var table = (await _aws.RunAsync("dynamodb", "describe-table", "--table-name", StateTable))!["Table"]!;
        Assert.Equal("ACTIVE", (string?)table["TableStatus"]);
        Assert.Equal(["pk", "sk"], table["KeySchema"]!.AsArray().Select(k => (string)k!["AttributeName"]!));
        var vpcs = (await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray();
        Assert.Single(vpcs);
    }

    [Fact]
    public async Task Bootstrap_Repeated_SaysTheTableIsThereAndWritesNothing()
    {
        var first = await _cli.RunAsync("bootstrap", _folder.Path);
        Assert.True(first.ExitCode == 0, first.ToString());
        await IssuedCertificates.WaitAsync(_aws);
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);

        var second = await _cli.RunAsync("bootstrap", _folder.Path);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith($"State table {StateTable}: already there.\n", second.Output, StringComparison.Ordinal);
        Assert.Contains("No changes.", second.Output, StringComparison.Ordinal);
        var writes = _cli.RequestLog.Records().Where(r => r.IsWrite).Select(r => $"{r.Service}:{r.Operation}").ToList();
        Assert.True(writes.Count == 0, $"The second bootstrap wrote: {string.Join(", ", writes)}");
        var vpcs = (await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray();
        Assert.Single(vpcs);
    }

    [Fact]
    public async Task Bootstrap_InvalidFolder_StopsWithOneErrorBeforeCreatingTheTable()
    {
        _folder.Edit("network.yaml", "  cidrBlock: ${var.vpcCidr}", "  cidrBlok: ${var.vpcCidr}");

        var run = await _cli.RunAsync("bootstrap", _folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("network.yaml:", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.RequestLog.Records());
        var tables = (await _aws.RunAsync("dynamodb", "list-tables"))!["TableNames"]!.AsArray();
        Assert.DoesNotContain(tables, t => (string?)t == StateTable);
    }
}
