using Amazon.EC2.Model;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class VpcDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.30.0.0/16
        """;

    [Fact]
    public async Task Vpc_Created_HasTheDnsSettingsCreateVpcCannotTake()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var created = await harness.CreateAsync("Vpc", "main");
        var observed = await harness.ObserveAsync("Vpc", "main");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.True(((VpcSpec)observed.Live!).EnableDnsHostnames);
        Assert.Equal(observed.Identity["id"], observed.Outputs["vpcId"]);
    }

    [Fact]
    public async Task Vpc_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var first = await harness.CreateAsync("Vpc", "main");
        var second = await harness.CreateAsync("Vpc", "main");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var described = await harness.OutOfBand.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest
        {
            Filters = [new Filter($"tag:{ResourceTags.StackTag}", [harness.StackName])],
        });
        Assert.Single(described.Vpcs);
    }

    [Fact]
    public async Task Plan_DnsHostnamesSwitchedOffOutOfBand_IsExactlyThatFieldsChangeAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Vpc", "main");
        await harness.OutOfBand.Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = created.Identity["id"], EnableDnsHostnames = false });

        var change = Assert.Single(harness.Plan(await harness.ObserveAsync("Vpc", "main")).Changes);
        var (updated, _) = await harness.UpdateAsync("Vpc", "main");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal([("enableDnsHostnames", "false", "true")], change.Fields.Select(f => (f.Path, f.Before?.ToJsonString(), f.After?.ToJsonString())));
        harness.AssertInSync(updated);
    }
}
