using Amazon.EC2.Model;
using Reconciler.Integration.Tests.Cli;
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

    // The private subnets' way out: a NAT gateway in public-a, and S3 through a gateway endpoint.
    private const string Private = Network + """
        kind: Subnet
        metadata:
          name: private-a
        spec:
          vpc: main
          cidrBlock: 10.50.10.0/24
        ---
        kind: ElasticIp
        metadata:
          name: nat-a
        spec:
          domain: vpc
        ---
        kind: NatGateway
        metadata:
          name: nat-a
        spec:
          subnet: public-a
          elasticIp: nat-a
        ---
        kind: RouteTable
        metadata:
          name: private
        spec:
          vpc: main
          routes:
            - destination: 0.0.0.0/0
              natGateway: nat-a
          subnets: [private-a]
        ---
        kind: VpcEndpoint
        metadata:
          name: s3
        spec:
          vpc: main
          service: s3
          routeTables: [private]
        """;

    private static readonly (string, string)[] PrivateDependencies =
        [.. Dependencies, ("Subnet", "private-a"), ("ElasticIp", "nat-a"), ("NatGateway", "nat-a")];

    private readonly AwsCli _aws = new(emulator.Endpoint);

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

    [Fact]
    public async Task RouteTable_RouteToNatGateway_IsCreatedWithTheGatewayAsTarget()
    {
        using var harness = new DriverHarness(emulator, Private);
        await harness.CreateAllAsync(PrivateDependencies);

        var created = await harness.CreateAsync("RouteTable", "private");
        var observed = await harness.ObserveAsync("RouteTable", "private");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var route = (await RoutesAsync(created.Identity["id"])).Single(r => (string?)r!["DestinationCidrBlock"] == "0.0.0.0/0")!;
        Assert.Equal(harness.Context.Identities.IdOf("NatGateway", "nat-a"), (string?)route["NatGatewayId"]);
        Assert.Equal("nat-a", Assert.Single(((RouteTableSpec)observed.Live!).Routes).NatGateway);
    }

    [Fact]
    public async Task RouteTable_TargetChangedFromInternetToNatGateway_UpdateReplacesTheRouteInPlace()
    {
        using var harness = new DriverHarness(emulator, Private.Replace("natGateway: nat-a", "internetGateway: main", StringComparison.Ordinal));
        await harness.CreateAllAsync(PrivateDependencies);
        await harness.CreateAsync("RouteTable", "private");

        harness.Load(Private);
        var (updated, fields) = await harness.UpdateAsync("RouteTable", "private");

        Assert.Equal(["routes"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var route = (await RoutesAsync(updated.Identity["id"])).Single(r => (string?)r!["DestinationCidrBlock"] == "0.0.0.0/0")!;
        Assert.Equal(harness.Context.Identities.IdOf("NatGateway", "nat-a"), (string?)route["NatGatewayId"]);
    }

    [Fact]
    public async Task RouteTable_GatewayEndpointsPrefixListRoute_IsNotDriftAndSurvivesRouteUpdates()
    {
        using var harness = new DriverHarness(emulator, Private);
        await harness.CreateAllAsync(PrivateDependencies);
        var created = await harness.CreateAsync("RouteTable", "private");
        await harness.CreateAsync("VpcEndpoint", "s3");

        var observed = await harness.ObserveAsync("RouteTable", "private");
        harness.AssertInSync(observed);
        Assert.Single(((RouteTableSpec)observed.Live!).Routes);

        harness.Load(Private.Replace("destination: 0.0.0.0/0", "destination: 192.168.0.0/16", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("RouteTable", "private");

        Assert.Equal(["routes"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var routes = await RoutesAsync(created.Identity["id"]);
        Assert.DoesNotContain(routes, r => (string?)r!["DestinationCidrBlock"] == "0.0.0.0/0");
        var endpointRoute = Assert.Single(routes, r => r!["DestinationPrefixListId"] is not null)!;
        Assert.StartsWith("pl-", (string?)endpointRoute["DestinationPrefixListId"], StringComparison.Ordinal);
        Assert.Equal(harness.Context.Identities.IdOf("VpcEndpoint", "s3"), (string?)endpointRoute["GatewayId"]);
    }

    private async Task<System.Text.Json.Nodes.JsonArray> RoutesAsync(string routeTableId) =>
        (await _aws.RunAsync("ec2", "describe-route-tables", "--route-table-ids", routeTableId))!["RouteTables"]![0]!["Routes"]!.AsArray();
}
