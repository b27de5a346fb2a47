using System.Diagnostics;
using System.Globalization;
using Reconciler.Controller.Aws;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Faults;

/// <summary>
/// A crash after every request of an apply: for each k from 1 to the number of requests a full
/// apply of the dev stack makes, an apply dies after request k (every later request fails
/// without reaching AWS and the apply is abandoned), then a clean apply must converge (plan
/// clean), with no duplicate and no untagged leftover. In process, on one emulator reset between
/// iterations. RECONCILER_CRASH_STRIDE (default 1: every k) thins the loop for a quick run.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class CrashTests(AwsEmulatorFixture emulator, ITestOutputHelper output) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private readonly StackFolder _folder = StackFolder.CopyOf("dev");
    private readonly CliHarness _cli = new(emulator.Environment);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Apply_AfterACrashAtEveryRequest_ConvergesWithoutDuplicatesOrLeftovers()
    {
        var full = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(full.ExitCode == 0, full.ToString());
        var requests = (int)_cli.RequestLog.Total;
        var stride = int.TryParse(Environment.GetEnvironmentVariable("RECONCILER_CRASH_STRIDE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;
        var clock = Stopwatch.StartNew();
        var covered = 0;
        for (var k = 1; k <= requests; k += stride)
        {
            await emulator.ResetAsync();
            try
            {
                await _cli.RunAsync(new AwsFaultOptions { CrashAfter = k }, "apply", _folder.Path);
            }
            catch (AwsInjectedCrashException)
            {
                // The crash escaped the command: the apply was abandoned there, as a dead process's is.
            }

            var healed = await _cli.RunAsync("apply", _folder.Path);
            Assert.True(healed.ExitCode == 0, $"After a crash at request {k}: {healed}");
            var plan = await _cli.RunAsync("plan", _folder.Path);
            Assert.True(plan.ExitCode == 0, $"After a crash at request {k}, the plan is not clean: {plan}");
            var problems = await Boto3Inventory.ProblemsAsync(emulator.Endpoint);
            Assert.True(problems.Count == 0, $"After a crash at request {k}: {string.Join("; ", problems)}");
            covered++;
        }

        output.WriteLine($"A full apply makes {requests} requests; crashed after each of {covered} of them (stride {stride}) in {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
