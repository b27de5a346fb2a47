using Reconciler.Controller.Daemon;
using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Tests.Daemon;

public sealed class RunOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(new RunOptions { Source = "desired-state/dev" }.Validate());

    [Fact]
    public void Validate_EveryProblem_IsReportedAtOnce()
    {
        var options = new RunOptions
        {
            Source = "desired-state/dev",
            PollInterval = TimeSpan.FromMilliseconds(10),
            Listen = "localhost",
            Lease = new LeaseOptions { LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(10) },
        };

        var errors = options.Validate();

        Assert.Contains("--interval must be between 1s and 24h, not 00:00:00.0100000.", errors);
        Assert.Contains("--listen must be HOST:PORT with a port from 0 to 65535 (e.g. 127.0.0.1:9464), not 'localhost'.", errors);
        Assert.Contains(errors, e => e.Contains("RenewDeadline", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NonLoopbackListenWithoutTriggerToken_IsRefusedNamingTheVariable()
    {
        var errors = new RunOptions { Source = "desired-state/dev", Listen = "0.0.0.0:9464" }.Validate();

        Assert.Equal(
            "--listen 0.0.0.0:9464 is not a loopback address, so POST /trigger must be authenticated: set RECONCILER_TRIGGER_TOKEN "
            + "(or --trigger-token) to a secret of at least 16 characters, and send it as 'Authorization: Bearer TOKEN'.",
            Assert.Single(errors));
    }

    [Fact]
    public void Validate_NonLoopbackListenWithTriggerToken_IsAccepted() =>
        Assert.Empty(new RunOptions { Source = "desired-state/dev", Listen = "0.0.0.0:9464", TriggerToken = new TriggerToken("0123456789abcdef") }.Validate());

    [Fact]
    public void Validate_ShortTriggerToken_IsRefusedWithoutShowingIt()
    {
        var error = Assert.Single(new RunOptions { Source = "desired-state/dev", TriggerToken = new TriggerToken("short") }.Validate());

        Assert.Equal("The trigger token (RECONCILER_TRIGGER_TOKEN or --trigger-token) must be at least 16 characters long, not 5.", error);
    }
}
