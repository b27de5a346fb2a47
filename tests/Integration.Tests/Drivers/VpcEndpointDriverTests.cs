using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class VpcEndpointDriverTests(AwsEmulatorFixture emulator)
{
    private const string Network = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.70.0.0/16
        ---
        kind: Subnet
        metadata:
          name: private-a
        spec:
          vpc: main
          cidrBlock: 10.70.10.0/24
          availabilityZone: us-east-1a
        ---
        kind: Subnet
        metadata:
          name: private-b
        spec:
          vpc: main
          cidrBlock: 10.70.11.0/24
          availabilityZone: us-east-1b
        ---
        kind: RouteTable
        metadata:
          name: private
        spec:
          vpc: main
        ---
        kind: RouteTable
        metadata:
          name: other
        spec:
          vpc: main
        ---
        kind: SecurityGroup
        metadata:
          name: endpoints
        spec:
          vpc: main
          description: Interface endpoints
        ---

        """;

    private const string Gateway = Network + """
        kind: VpcEndpoint
        metadata:
          name: s3
        spec:
          vpc: main
          service: s3
          type: Gateway
          routeTables: [private]
        """;

    private const string Interface = Network + """
        kind: VpcEndpoint
        metadata:
          name: logs
        spec:
          vpc: main
          service: logs
          type: Interface
          subnets: [private-a]
          securityGroups: [endpoints]
          privateDnsEnabled: false
        """;

    private static readonly (string, string)[] Dependencies =
        [("Vpc", "main"), ("Subnet", "private-a"), ("Subnet", "private-b"), ("RouteTable", "private"), ("RouteTable", "other"), ("SecurityGroup", "endpoints")];

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task GatewayEndpoint_Created_ServesS3ThroughAPrefixListRouteInItsRouteTable()
    {
        using var harness = new DriverHarness(emulator, Gateway);
        await harness.CreateAllAsync(Dependencies);

        var created = await harness.CreateAsync("VpcEndpoint", "s3");
        var observed = await harness.ObserveAsync("VpcEndpoint", "s3");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var endpoint = (await _aws.RunAsync("ec2", "describe-vpc-endpoints", "--vpc-endpoint-ids", observed.Identity["id"]))!["VpcEndpoints"]![0]!;
        Assert.Equal(("com.amazonaws.us-east-1.s3", "Gateway"), ((string?)endpoint["ServiceName"], (string?)endpoint["VpcEndpointType"]));
        Assert.Equal(observed.Identity["id"], (string?)(await PrefixListRouteAsync(harness, "private"))?["GatewayId"]);
        Assert.Null(((VpcEndpointSpec)observed.Live!).PrivateDnsEnabled);
    }

    [Fact]
    public async Task GatewayEndpoint_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Gateway);
        await harness.CreateAllAsync(Dependencies);

        var first = await harness.CreateAsync("VpcEndpoint", "s3");
        var second = await harness.CreateAsync("VpcEndpoint", "s3");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var endpoints = (await _aws.RunAsync("ec2", "describe-vpc-endpoints", "--filters", $"Name=vpc-id,Values={harness.Context.Identities.IdOf("Vpc", "main")}"))!["VpcEndpoints"]!.AsArray();
        Assert.Single(endpoints);
    }

    [Fact]
    public async Task GatewayEndpoint_RouteTableRemovedOutOfBand_IsDriftAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Gateway);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("VpcEndpoint", "s3");

        await _aws.RunAsync("ec2", "modify-vpc-endpoint", "--vpc-endpoint-id", created.Identity["id"], "--remove-route-table-ids", harness.Context.Identities.IdOf("RouteTable", "private"));
        var observed = await harness.ObserveAsync("VpcEndpoint", "s3");
        var drift = Assert.Single(harness.Changes(observed));
        var (updated, _) = await harness.UpdateAsync("VpcEndpoint", "s3");

        Assert.Equal(("routeTables", "[]"), (drift.Path, drift.Before?.ToJsonString()));
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task GatewayEndpoint_RouteTablesChangedInDocument_UpdateMovesThemInPlace()
    {
        using var harness = new DriverHarness(emulator, Gateway);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("VpcEndpoint", "s3");

        harness.Load(Gateway.Replace("routeTables: [private]", "routeTables: [other]", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("VpcEndpoint", "s3");

        Assert.Equal(["routeTables"], fields.Select(f => f.Path));
        Assert.Equal(created.Identity["id"], updated.Identity["id"]);
        harness.AssertInSync(updated);
        var endpoint = (await _aws.RunAsync("ec2", "describe-vpc-endpoints", "--vpc-endpoint-ids", created.Identity["id"]))!["VpcEndpoints"]![0]!;
        Assert.Equal([harness.Context.Identities.IdOf("RouteTable", "other")], endpoint["RouteTableIds"]!.AsArray().Select(i => (string?)i));
    }

    [Theory]
    [InlineData("service: s3", "service: dynamodb", "service")]
    [InlineData("vpc: main\n  service: s3\n  type: Gateway\n  routeTables: [private]", "vpc: other\n  service: s3\n  type: Gateway\n  routeTables: []", "vpc")]
    public async Task Plan_ImmutableFieldChanged_ReplacesTheEndpointNamingTheField(string from, string to, string field)
    {
        const string OtherVpc = "kind: Vpc\nmetadata:\n  name: other\nspec:\n  cidrBlock: 10.71.0.0/16\n---\n";
        using var harness = new DriverHarness(emulator, OtherVpc + Gateway);
        await harness.CreateAllAsync(Dependencies);
        await harness.CreateAsync("VpcEndpoint", "s3");

        harness.Load(OtherVpc + Gateway.Replace(from, to, StringComparison.Ordinal));
        var plan = harness.Plan(await harness.ObserveAsync("VpcEndpoint", "s3"));

        var change = Assert.Single(plan.Changes, c => c.Key.Kind == "VpcEndpoint");
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([field], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public async Task GatewayEndpoint_Deleted_TakesItsRouteAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Gateway);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("VpcEndpoint", "s3");

        await harness.DeleteAsync("VpcEndpoint", "s3", created.Identity);
        var observed = await harness.ObserveAsync("VpcEndpoint", "s3", recorded: created.Identity);
        await harness.DeleteAsync("VpcEndpoint", "s3", created.Identity);

        Assert.False(observed.Exists);
        Assert.Null(await PrefixListRouteAsync(harness, "private"));
    }

    [Fact]
    public async Task InterfaceEndpoint_Created_HasItsSubnetsGroupsAndDnsSetting()
    {
        using var harness = new DriverHarness(emulator, Interface);
        await harness.CreateAllAsync(Dependencies);

        var created = await harness.CreateAsync("VpcEndpoint", "logs");
        var observed = await harness.ObserveAsync("VpcEndpoint", "logs");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var endpoint = (await _aws.RunAsync("ec2", "describe-vpc-endpoints", "--vpc-endpoint-ids", observed.Identity["id"]))!["VpcEndpoints"]![0]!;
        Assert.Equal(("com.amazonaws.us-east-1.logs", "Interface", false), ((string?)endpoint["ServiceName"], (string?)endpoint["VpcEndpointType"], (bool?)endpoint["PrivateDnsEnabled"]));
        Assert.Equal([harness.Context.Identities.IdOf("Subnet", "private-a")], endpoint["SubnetIds"]!.AsArray().Select(i => (string?)i));
        Assert.Equal([harness.Context.Identities.IdOf("SecurityGroup", "endpoints")], endpoint["Groups"]!.AsArray().Select(g => (string?)g!["GroupId"]));
    }

    [Fact]
    public async Task InterfaceEndpoint_SubnetAddedInDocument_UpdateAddsItInPlace()
    {
        using var harness = new DriverHarness(emulator, Interface);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("VpcEndpoint", "logs");

        harness.Load(Interface.Replace("subnets: [private-a]", "subnets: [private-a, private-b]", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("VpcEndpoint", "logs");

        Assert.Equal(["subnets"], fields.Select(f => f.Path));
        Assert.Equal(created.Identity["id"], updated.Identity["id"]);
        harness.AssertInSync(updated);
    }

    /// <summary>The route to a prefix list (pl-...) in a route table, read with the aws CLI; null when there is none.</summary>
    private async Task<JsonNode?> PrefixListRouteAsync(DriverHarness harness, string routeTable)
    {
        var table = (await _aws.RunAsync("ec2", "describe-route-tables", "--route-table-ids", harness.Context.Identities.IdOf("RouteTable", routeTable)))!["RouteTables"]![0]!;
        return table["Routes"]!.AsArray().FirstOrDefault(r => r!["DestinationPrefixListId"] is not null);
    }
}
