using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class ElasticIpDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: ElasticIp
        metadata:
          name: nat-a
          tags:
            purpose: nat
        spec:
          domain: vpc
        """;

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task ElasticIp_Created_IsATaggedVpcAddressWithItsPublicIpAsOutput()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var created = await harness.CreateAsync("ElasticIp", "nat-a");
        var observed = await harness.ObserveAsync("ElasticIp", "nat-a");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal("vpc", ((ElasticIpSpec)observed.Live!).Domain);
        var address = (await _aws.RunAsync("ec2", "describe-addresses", "--allocation-ids", observed.Identity["id"]))!["Addresses"]![0]!;
        Assert.Equal(observed.Outputs["allocationId"], (string?)address["AllocationId"]);
        Assert.Equal(observed.Outputs["publicIp"], (string?)address["PublicIp"]);
        Assert.Contains(address["Tags"]!.AsArray(), t => (string?)t!["Key"] == "purpose" && (string?)t["Value"] == "nat");
    }

    [Fact]
    public async Task ElasticIp_CreatedTwice_AdoptsTheFirstInsteadOfAllocatingAnother()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var first = await harness.CreateAsync("ElasticIp", "nat-a");
        var second = await harness.CreateAsync("ElasticIp", "nat-a");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var addresses = (await _aws.RunAsync(
            "ec2", "describe-addresses", "--filters", $"Name=tag:{ResourceTags.StackTag},Values={harness.StackName}"))!["Addresses"]!.AsArray();
        Assert.Single(addresses);
    }

    [Fact]
    public async Task ElasticIp_TagChangedOutOfBand_IsDriftAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("ElasticIp", "nat-a");

        await _aws.RunAsync("ec2", "create-tags", "--resources", created.Identity["id"], "--tags", "Key=purpose,Value=spare");
        var observed = await harness.ObserveAsync("ElasticIp", "nat-a");
        var drift = Assert.Single(harness.Changes(observed));
        var (updated, _) = await harness.UpdateAsync("ElasticIp", "nat-a");

        Assert.Equal("tags", drift.Path);
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("ElasticIp", "nat-a"));
    }

    [Fact]
    public async Task ElasticIp_Deleted_IsReleasedAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("ElasticIp", "nat-a");

        await harness.DeleteAsync("ElasticIp", "nat-a", created.Identity);
        var observed = await harness.ObserveAsync("ElasticIp", "nat-a", recorded: created.Identity);
        await harness.DeleteAsync("ElasticIp", "nat-a", created.Identity);

        Assert.False(observed.Exists);
        var addresses = (await _aws.RunAsync(
            "ec2", "describe-addresses", "--filters", $"Name=tag:{ResourceTags.StackTag},Values={harness.StackName}"))!["Addresses"]!.AsArray();
        Assert.Empty(addresses);
    }
}
