using Amazon.EC2.Model;
using Reconciler.Model.Stacks;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class SubnetDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.20.0.0/16
        ---
        kind: Subnet
        metadata:
          name: public-a
          tags:
            tier: public
        spec:
          vpc: main
          cidrBlock: 10.20.1.0/24
          availabilityZone: us-east-1a
          mapPublicIpOnLaunch: true
        """;

    [Fact]
    public async Task Subnet_Created_ObserveMatchesDesiredWithTagsAndOutputs()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));

        var created = await harness.CreateAsync("Subnet", "public-a");
        var observed = await harness.ObserveAsync("Subnet", "public-a");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal("main", ((SubnetSpec)observed.Live!).Vpc);
        Assert.StartsWith("subnet-", observed.Identity["id"], StringComparison.Ordinal);
        Assert.Equal(observed.Identity["id"], observed.Outputs["subnetId"]);
        Assert.Equal("us-east-1a", observed.Outputs["availabilityZone"]);
    }

    [Fact]
    public async Task Subnet_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));

        var first = await harness.CreateAsync("Subnet", "public-a");
        var second = await harness.CreateAsync("Subnet", "public-a");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var described = await harness.OutOfBand.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest
        {
            Filters = [new Filter($"tag:{ResourceTags.ResourceTag}", ["Subnet/public-a"]), new Filter($"tag:{ResourceTags.StackTag}", [harness.StackName])],
        });
        Assert.Single(described.Subnets);
    }

    [Fact]
    public async Task Subnet_MapPublicIpChangedInDocument_UpdateAppliesIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"), ("Subnet", "public-a"));

        harness.Load(Documents.Replace("mapPublicIpOnLaunch: true", "mapPublicIpOnLaunch: false", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Subnet", "public-a");

        Assert.Equal(["mapPublicIpOnLaunch"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("Subnet", "public-a"));
    }

    [Fact]
    public async Task Subnet_ChangedOutOfBand_ObserveShowsTheDrift()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("Subnet", "public-a");

        await harness.OutOfBand.Ec2.ModifySubnetAttributeAsync(new ModifySubnetAttributeRequest { SubnetId = created.Identity["id"], MapPublicIpOnLaunch = false });
        var observed = await harness.ObserveAsync("Subnet", "public-a");

        Assert.False(((SubnetSpec)observed.Live!).MapPublicIpOnLaunch);
    }

    [Fact]
    public async Task Subnet_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("Subnet", "public-a");

        await harness.DeleteAsync("Subnet", "public-a", created.Identity);
        var observed = await harness.ObserveAsync("Subnet", "public-a", recorded: created.Identity);
        await harness.DeleteAsync("Subnet", "public-a", created.Identity);

        Assert.False(observed.Exists);
    }
}
