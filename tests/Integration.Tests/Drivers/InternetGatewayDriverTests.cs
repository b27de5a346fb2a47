using Amazon.EC2.Model;
using Reconciler.Model.Stacks;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class InternetGatewayDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.40.0.0/16
        ---
        kind: Vpc
        metadata:
          name: other
        spec:
          cidrBlock: 10.41.0.0/16
        ---
        kind: InternetGateway
        metadata:
          name: main
        spec:
          vpc: main
        """;

    [Fact]
    public async Task InternetGateway_Created_IsAttachedToItsVpcAndTagged()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));

        var created = await harness.CreateAsync("InternetGateway", "main");
        var observed = await harness.ObserveAsync("InternetGateway", "main");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal(observed.Identity["id"], observed.Outputs["internetGatewayId"]);
        Assert.Equal(harness.Context.Identities.IdOf("Vpc", "main"), observed.Outputs["vpcId"]);
    }

    [Fact]
    public async Task InternetGateway_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));

        var first = await harness.CreateAsync("InternetGateway", "main");
        var second = await harness.CreateAsync("InternetGateway", "main");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var described = await harness.OutOfBand.Ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest
        {
            Filters = [new Filter($"tag:{ResourceTags.ResourceTag}", ["InternetGateway/main"]), new Filter($"tag:{ResourceTags.StackTag}", [harness.StackName])],
        });
        Assert.Single(described.InternetGateways);
    }

    [Fact]
    public async Task InternetGateway_VpcChangedInDocument_UpdateMovesTheAttachment()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"), ("Vpc", "other"), ("InternetGateway", "main"));

        harness.Load(Documents.Replace("  vpc: main", "  vpc: other", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("InternetGateway", "main");

        Assert.Equal(["vpc"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Equal("other", ((InternetGatewaySpec)(await harness.ObserveAsync("InternetGateway", "main")).Live!).Vpc);
    }

    [Fact]
    public async Task InternetGateway_DetachedOutOfBand_ObserveShowsNoVpc()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("InternetGateway", "main");

        await harness.OutOfBand.Ec2.DetachInternetGatewayAsync(new DetachInternetGatewayRequest
        {
            InternetGatewayId = created.Identity["id"],
            VpcId = harness.Context.Identities.IdOf("Vpc", "main"),
        });
        var observed = await harness.ObserveAsync("InternetGateway", "main");

        Assert.Null(((InternetGatewaySpec)observed.Live!).Vpc);
    }

    [Fact]
    public async Task InternetGateway_Deleted_IsDetachedAndGoneAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("InternetGateway", "main");

        await harness.DeleteAsync("InternetGateway", "main", created.Identity);
        var observed = await harness.ObserveAsync("InternetGateway", "main", recorded: created.Identity);
        await harness.DeleteAsync("InternetGateway", "main", created.Identity);

        Assert.False(observed.Exists);
    }
}
