using Reconciler.Controller.Aws;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Faults;

/// <summary>
/// The dev stack applied through faults injected into every AWS request (RECONCILER_FAULTS's
/// handler): one apply must converge, its follow-up plan be clean, and nothing exist twice.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FaultyApplyTests(AwsEmulatorFixture emulator, ITestOutputHelper output) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
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
    public Task Apply_UnderThrottlingAndServerErrors_ConvergesWithoutDuplicates() =>
        ApplyConvergesAsync("throttle=0.3,error5xx=0.05,latencyMs=20,seed=7");

    [Fact]
    public Task Apply_WhenWriteAnswersAreLost_ConvergesWithoutDuplicates() =>
        ApplyConvergesAsync("lostWrites=0.15,seed=7");

    [Fact]
    public async Task Apply_ThrottledPastItsDeadline_StopsWithAClearError()
    {
        var applied = await _cli.RunAsync(AwsFaultOptions.Parse("throttle=1,seed=7"), "apply", _folder.Path, "--deadline", "3s");

        Assert.Equal(1, applied.ExitCode);
        Assert.Contains(
            "error: apply did not finish within its deadline of 00:00:03 (--deadline); it stopped where it was, and what succeeded is recorded. "
            + "Run apply again to continue, or allow it longer with --deadline.",
            applied.Errors,
            StringComparison.Ordinal);
    }

    private async Task ApplyConvergesAsync(string faults)
    {
        var started = DateTime.UtcNow;
        var applied = await _cli.RunAsync(AwsFaultOptions.Parse(faults), "apply", _folder.Path);
        var requests = _cli.RequestLog.Total;
        output.WriteLine($"RECONCILER_FAULTS={faults}: exit {applied.ExitCode} in {(DateTime.UtcNow - started).TotalSeconds:F1} s, {requests} requests ({_cli.RequestLog.Failures} failed answers).");

        foreach (var record in _cli.RequestLog.Records().Where(r => r.StatusCode is not (>= 200 and < 300)))
        {
            output.WriteLine($"  {record.Service} {record.Operation} -> {record.StatusCode}");
        }

        Assert.True(applied.ExitCode == 0, applied.ToString());
        var plan = await _cli.RunAsync("plan", _folder.Path);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        var inventory = await LiveInventory.ReadAsync(_aws);
        Assert.Empty(inventory.Duplicates);
        Assert.Empty(inventory.Untagged);
    }
}
