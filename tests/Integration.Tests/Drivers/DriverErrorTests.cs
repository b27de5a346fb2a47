using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class DriverErrorTests(AwsEmulatorFixture emulator)
{
    [Fact]
    public async Task Create_RefusedByAws_FailsNamingTheResourceAndWhatAwsSaid()
    {
        using var harness = new DriverHarness(emulator, """
            kind: Vpc
            metadata:
              name: main
            spec:
              cidrBlock: 10.60.0.0/16
            ---
            kind: Subnet
            metadata:
              name: outside
            spec:
              vpc: main
              cidrBlock: 10.60.1.0/24
              availabilityZone: us-east-1z
            """);
        await harness.CreateAllAsync(("Vpc", "main"));

        var error = await Assert.ThrowsAsync<DriverException>(() => harness.CreateAsync("Subnet", "outside"));

        Assert.StartsWith("Subnet/outside: create failed: AWS said ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ReferenceNotCreatedYet_FailsNamingBothResources()
    {
        using var harness = new DriverHarness(emulator, """
            kind: Vpc
            metadata:
              name: main
            spec:
              cidrBlock: 10.62.0.0/16
            ---
            kind: InternetGateway
            metadata:
              name: main
            spec:
              vpc: main
            """);

        var error = await Assert.ThrowsAsync<DriverException>(() => harness.CreateAsync("InternetGateway", "main"));

        Assert.Equal(
            "InternetGateway/main: create failed: Vpc/main does not exist in AWS yet; it must be created before the resources that reference it.",
            error.Message);
    }
}
