using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class NatGatewayDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.60.0.0/16
        ---
        kind: Subnet
        metadata:
          name: public-a
        spec:
          vpc: main
          cidrBlock: 10.60.1.0/24
        ---
        kind: Subnet
        metadata:
          name: public-b
        spec:
          vpc: main
          cidrBlock: 10.60.2.0/24
        ---
        kind: ElasticIp
        metadata:
          name: nat-a
        spec:
          domain: vpc
        ---
        kind: ElasticIp
        metadata:
          name: nat-b
        spec:
          domain: vpc
        ---
        kind: NatGateway
        metadata:
          name: nat-a
          tags:
            zone: a
        spec:
          subnet: public-a
          connectivityType: public
          elasticIp: nat-a
        """;

    private static readonly (string, string)[] Dependencies =
        [("Vpc", "main"), ("Subnet", "public-a"), ("Subnet", "public-b"), ("ElasticIp", "nat-a"), ("ElasticIp", "nat-b")];

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task NatGateway_Created_IsAvailableInItsSubnetWithItsElasticIp()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);

        var created = await harness.CreateAsync("NatGateway", "nat-a");
        var observed = await harness.ObserveAsync("NatGateway", "nat-a");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var gateway = (await _aws.RunAsync("ec2", "describe-nat-gateways", "--nat-gateway-ids", observed.Identity["id"]))!["NatGateways"]![0]!;
        Assert.Equal("available", (string?)gateway["State"]);
        Assert.Equal(harness.Context.Identities.IdOf("Subnet", "public-a"), (string?)gateway["SubnetId"]);
        Assert.Equal(harness.Context.Identities.IdOf("ElasticIp", "nat-a"), (string?)gateway["NatGatewayAddresses"]![0]!["AllocationId"]);
        Assert.Equal((string?)gateway["NatGatewayAddresses"]![0]!["PublicIp"], observed.Outputs["publicIp"]);
        Assert.Equal(observed.Identity["id"], observed.Outputs["natGatewayId"]);
    }

    [Fact]
    public async Task NatGateway_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);

        var first = await harness.CreateAsync("NatGateway", "nat-a");
        var second = await harness.CreateAsync("NatGateway", "nat-a");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var gateways = (await _aws.RunAsync("ec2", "describe-nat-gateways", "--filter", $"Name=subnet-id,Values={harness.Context.Identities.IdOf("Subnet", "public-a")}"))!["NatGateways"]!.AsArray();
        Assert.Single(gateways);
    }

    // moto's DescribeNatGateways ignores tag filters: the driver checks them itself.
    [Fact]
    public async Task NatGateway_OfAnotherStackWithTheSameDocumentName_IsNeitherObservedNorAdopted()
    {
        using var other = new DriverHarness(emulator, Documents);
        await other.CreateAllAsync(Dependencies);
        var theirs = await other.CreateAsync("NatGateway", "nat-a");
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);

        var before = await harness.ObserveAsync("NatGateway", "nat-a");
        var ours = await harness.CreateAsync("NatGateway", "nat-a");

        Assert.False(before.Exists);
        Assert.NotEqual(theirs.Identity["id"], ours.Identity["id"]);
    }

    [Fact]
    public async Task NatGateway_DeletedOutOfBand_ObserveShowsItMissing()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("NatGateway", "nat-a");

        await _aws.RunAsync("ec2", "delete-nat-gateway", "--nat-gateway-id", created.Identity["id"]);
        var observed = await harness.ObserveAsync("NatGateway", "nat-a", recorded: created.Identity);

        // AWS keeps listing it, as deleted, for an hour: that is not a live gateway.
        Assert.False(observed.Exists);
    }

    [Fact]
    public async Task NatGateway_TagsChangedInDocument_UpdateChangesThemInPlace()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("NatGateway", "nat-a");

        harness.Load(Documents.Replace("zone: a", "zone: east-a", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("NatGateway", "nat-a");

        Assert.Equal(["tags"], fields.Select(f => f.Path));
        Assert.Equal(created.Identity["id"], updated.Identity["id"]);
        harness.AssertInSync(updated);
    }

    [Theory]
    [InlineData("elasticIp: nat-a", "elasticIp: nat-b", "elasticIp")]
    [InlineData("subnet: public-a", "subnet: public-b", "subnet")]
    public async Task Plan_ImmutableFieldChanged_ReplacesTheGatewayNamingTheField(string from, string to, string field)
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        await harness.CreateAsync("NatGateway", "nat-a");

        harness.Load(Documents.Replace(from, to, StringComparison.Ordinal));
        var plan = harness.Plan(await harness.ObserveAsync("NatGateway", "nat-a"));

        var change = Assert.Single(plan.Changes, c => c.Key.Kind == "NatGateway");
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([field], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
    }

    [Fact]
    public async Task NatGateway_Deleted_WaitsUntilDeletedSoItsAddressCanBeReleased()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("NatGateway", "nat-a");

        await harness.DeleteAsync("NatGateway", "nat-a", created.Identity);
        var gateway = (await _aws.RunAsync("ec2", "describe-nat-gateways", "--nat-gateway-ids", created.Identity["id"]))!["NatGateways"]![0]!;
        var observed = await harness.ObserveAsync("NatGateway", "nat-a", recorded: created.Identity);
        await harness.DeleteAsync("NatGateway", "nat-a", created.Identity);
        await harness.DeleteAsync("ElasticIp", "nat-a", new Dictionary<string, string> { ["id"] = harness.Context.Identities.IdOf("ElasticIp", "nat-a") });

        Assert.Equal("deleted", (string?)gateway["State"]);
        Assert.False(observed.Exists);
        var addresses = (await _aws.RunAsync("ec2", "describe-addresses", "--filters", $"Name=allocation-id,Values={harness.Context.Identities.IdOf("ElasticIp", "nat-a")}"))!["Addresses"]!.AsArray();
        Assert.Empty(addresses);
    }

    [Fact]
    public async Task NatGateway_Observed_ReportsItsReferencesAsDocumentNames()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        await harness.CreateAsync("NatGateway", "nat-a");

        var live = (NatGatewaySpec)(await harness.ObserveAsync("NatGateway", "nat-a")).Live!;

        Assert.Equal(("public-a", "public", "nat-a"), (live.Subnet, live.ConnectivityType, live.ElasticIp));
    }
}
