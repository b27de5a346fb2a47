using Amazon.EC2.Model;
using Reconciler.Model.Stacks;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class RouteTableDriverTests(AwsEmulatorFixture emulator)
{
    private const string Network = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.50.0.0/16
        ---
        kind: Subnet
        metadata:
          name: public-a
        spec:
          vpc: main
          cidrBlock: 10.50.1.0/24
        ---
        kind: Subnet
        metadata:
          name: public-b
        spec:
          vpc: main
          cidrBlock: 10.50.2.0/24
        ---
        kind: InternetGateway
        metadata:
          name: main
        spec:
          vpc: main
        ---

        """;

    private const string Documents = Network + """
        kind: RouteTable
        metadata:
          name: public
        spec:
          vpc: main
          routes:
            - destination: 0.0.0.0/0
              internetGateway: main
          subnets: [public-a]
        """;

    private static readonly (string, string)[] Dependencies =
        [("Vpc", "main"), ("Subnet", "public-a"), ("Subnet", "public-b"), ("InternetGateway", "main")];

    [Fact]
    public async Task RouteTable_Created_HasItsRoutesAndSubnets()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);

        var created = await harness.CreateAsync("RouteTable", "public");
        var observed = await harness.ObserveAsync("RouteTable", "public");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal(observed.Identity["id"], observed.Outputs["routeTableId"]);
    }

    [Fact]
    public async Task RouteTable_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);

        var first = await harness.CreateAsync("RouteTable", "public");
        var second = await harness.CreateAsync("RouteTable", "public");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var described = await harness.OutOfBand.Ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter($"tag:{ResourceTags.ResourceTag}", ["RouteTable/public"]), new Filter($"tag:{ResourceTags.StackTag}", [harness.StackName])],
        });
        Assert.Single(described.RouteTables);
        harness.AssertInSync(second);
    }

    [Fact]
    public async Task RouteTable_RoutesAndSubnetsChangedInDocument_UpdateConvergesBoth()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        await harness.CreateAsync("RouteTable", "public");

        harness.Load(Documents
            .Replace("subnets: [public-a]", "subnets: [public-b]", StringComparison.Ordinal)
            .Replace("destination: 0.0.0.0/0", "destination: 192.168.0.0/16", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("RouteTable", "public");

        Assert.Equal(["routes", "subnets"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("RouteTable", "public"));
    }

    [Fact]
    public async Task RouteTable_RouteDeletedOutOfBand_ObserveShowsItMissing()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("RouteTable", "public");

        await harness.OutOfBand.Ec2.DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = created.Identity["id"], DestinationCidrBlock = "0.0.0.0/0" });
        var observed = await harness.ObserveAsync("RouteTable", "public");

        Assert.Empty(((RouteTableSpec)observed.Live!).Routes);
    }

    [Fact]
    public async Task RouteTable_Deleted_IsDisassociatedAndGoneAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("RouteTable", "public");

        await harness.DeleteAsync("RouteTable", "public", created.Identity);
        var observed = await harness.ObserveAsync("RouteTable", "public", recorded: created.Identity);
        await harness.DeleteAsync("RouteTable", "public", created.Identity);

        Assert.False(observed.Exists);
    }
}
