using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Reconciler.Controller.Leases;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Tests.Leases;

public sealed class LeaseOptionsTests
{
    [Fact]
    public void Defaults_AreClientGosAndValid()
    {
        var options = new LeaseOptions();

        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryPeriod);
        Assert.Equal(0.2, options.RetryJitter);
        Assert.True(options.ReleaseOnShutdown);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void DefaultHolderIdentity_NamesHostAndProcess_AndDiffersPerInstance()
    {
        var first = new LeaseOptions().HolderIdentity;
        var second = new LeaseOptions().HolderIdentity;

        Assert.StartsWith($"{Environment.MachineName}-{Environment.ProcessId}-", first, StringComparison.Ordinal);
        Assert.Matches("-[0-9a-f]{8}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Rejects_RenewDeadlineNotShorterThanLeaseDuration()
    {
        var errors = new LeaseOptions { RenewDeadline = TimeSpan.FromSeconds(15) }.Validate();

        Assert.Equal(
            ["LeaseOptions.RenewDeadline (15 s) must be shorter than LeaseDuration (15 s): a leader that cannot renew must stop acting before standbys may take its lease. Lower RenewDeadline or raise LeaseDuration."],
            errors);
    }

    [Fact]
    public void Rejects_RetryPeriodNotShorterThanRenewDeadline()
    {
        var errors = new LeaseOptions { RetryPeriod = TimeSpan.FromSeconds(10.5) }.Validate();

        Assert.Equal(
            ["LeaseOptions.RetryPeriod (10.5 s) must be shorter than RenewDeadline (10 s), or the leader gives up after a single failed renew. Lower RetryPeriod or raise RenewDeadline."],
            errors);
    }

    [Fact]
    public void Rejects_NonPositiveDurations_WithoutComparingThem()
    {
        var errors = new LeaseOptions
        {
            LeaseDuration = TimeSpan.Zero,
            RenewDeadline = TimeSpan.FromSeconds(-1),
            RetryPeriod = TimeSpan.Zero,
        }.Validate();

        Assert.Equal(
            [
                "LeaseOptions.LeaseDuration is 0 s; set it to a positive time such as 15 s.",
                "LeaseOptions.RenewDeadline is -1 s; set it to a positive time below LeaseDuration such as 10 s.",
                "LeaseOptions.RetryPeriod is 0 s; set it to a positive time below RenewDeadline such as 2 s.",
            ],
            errors);
    }

    [Theory]
    [InlineData(-0.1, "-0.1")]
    [InlineData(1.5, "1.5")]
    [InlineData(double.NaN, "NaN")]
    public void Rejects_RetryJitterOutsideZeroToOne(double jitter, string shown)
    {
        var errors = new LeaseOptions { RetryJitter = jitter }.Validate();

        Assert.Equal(
            [$"LeaseOptions.RetryJitter is {shown}; set it between 0 and 1 (0.2 makes standbys wait up to 20 % longer than RetryPeriod)."],
            errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Rejects_EmptyHolderIdentity(string identity)
    {
        var errors = new LeaseOptions { HolderIdentity = identity }.Validate();

        Assert.Equal(
            ["LeaseOptions.HolderIdentity is empty; leave it unset for the default (host name, process id and a random suffix) or set a name unique to this replica."],
            errors);
    }

    [Fact]
    public void Rejects_HolderIdentityLongerThan128()
    {
        var errors = new LeaseOptions { HolderIdentity = new string('r', 129) }.Validate();

        Assert.Equal(["LeaseOptions.HolderIdentity is 129 characters long; use at most 128."], errors);
    }

    [Fact]
    public void ThrowIfInvalid_ListsEveryProblemInOneMessage()
    {
        var options = new LeaseOptions { RenewDeadline = TimeSpan.FromSeconds(20), RetryPeriod = TimeSpan.FromSeconds(30), HolderIdentity = "" };

        var exception = Assert.Throws<LeaseOptionsException>(options.ThrowIfInvalid);

        Assert.Equal(3, exception.Errors.Count);
        Assert.Equal(
            "Lease options are invalid:" + string.Concat(exception.Errors.Select(e => Environment.NewLine + "  - " + e)),
            exception.Message);
        Assert.StartsWith("LeaseOptions.RenewDeadline (20 s) must be shorter than LeaseDuration (15 s)", exception.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("LeaseOptions.RetryPeriod (30 s) must be shorter than RenewDeadline (20 s)", exception.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("LeaseOptions.HolderIdentity is empty", exception.Errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void LeaderElector_RefusesInvalidOptionsAtConstruction()
    {
        using var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("testing", "testing"),
            new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1" });
        var options = new LeaseOptions { RenewDeadline = TimeSpan.FromSeconds(15) };

        var exception = Assert.Throws<LeaseOptionsException>(
            () => new LeaderElector(client, new StateTableOptions(), "dev", options, TimeProvider.System));

        Assert.Single(exception.Errors);
    }
}
