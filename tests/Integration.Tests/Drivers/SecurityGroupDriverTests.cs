using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using Reconciler.Model.Stacks;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class SecurityGroupDriverTests(AwsEmulatorFixture emulator)
{
    private const string Vpc = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.30.0.0/16
        ---

        """;

    private const string Web = Vpc + """
        kind: SecurityGroup
        metadata:
          name: web
        spec:
          vpc: main
          description: Web servers
          ingress:
            - protocol: tcp
              fromPort: 443
              toPort: 443
              cidrBlocks: [10.0.0.0/8, 192.168.0.0/16]
              description: HTTPS from the office
            - protocol: tcp
              fromPort: 22
              toPort: 22
              cidrBlocks: [10.1.0.0/16]
          egress: []
        """;

    // Two groups that allow each other: the second half of the cycle waits for the next reconcile.
    private const string Pair = Vpc + """
        kind: SecurityGroup
        metadata:
          name: alb
        spec:
          vpc: main
          description: Load balancer
          ingress:
            - protocol: tcp
              fromPort: 443
              toPort: 443
              cidrBlocks: [0.0.0.0/0]
          egress:
            - protocol: tcp
              fromPort: 8080
              toPort: 8080
              securityGroup: app
              description: To the app
        ---
        kind: SecurityGroup
        metadata:
          name: app
        spec:
          vpc: main
          description: App servers
          ingress:
            - protocol: tcp
              fromPort: 8080
              toPort: 8080
              securityGroup: alb
          egress:
            - protocol: "-1"
              fromPort: -1
              toPort: -1
              cidrBlocks: [0.0.0.0/0]
        """;

    [Fact]
    public async Task SecurityGroup_Created_ObserveMatchesDesiredAndDefaultEgressIsRevoked()
    {
        using var harness = new DriverHarness(emulator, Web);
        await harness.CreateAllAsync(("Vpc", "main"));

        var created = await harness.CreateAsync("SecurityGroup", "web");
        var observed = await harness.ObserveAsync("SecurityGroup", "web");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Empty(((SecurityGroupSpec)observed.Live!).Egress);
        Assert.Equal(observed.Identity["id"], observed.Outputs["securityGroupId"]);
        var group = (await harness.OutOfBand.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [observed.Identity["id"]] })).SecurityGroups.Single();
        Assert.Equal($"{harness.StackName}-web", group.GroupName);
    }

    [Fact]
    public async Task SecurityGroup_CreatedTwice_AdoptsTheFirstInsteadOfDuplicating()
    {
        using var harness = new DriverHarness(emulator, Web);
        await harness.CreateAllAsync(("Vpc", "main"));

        var first = await harness.CreateAsync("SecurityGroup", "web");
        var second = await harness.CreateAsync("SecurityGroup", "web");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        var described = await harness.OutOfBand.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter($"tag:{ResourceTags.ResourceTag}", ["SecurityGroup/web"]), new Filter($"tag:{ResourceTags.StackTag}", [harness.StackName])],
        });
        Assert.Single(described.SecurityGroups);
        harness.AssertInSync(second);
    }

    [Fact]
    public async Task SecurityGroup_RulesChangedInDocument_UpdateAuthorizesRevokesAndRedescribes()
    {
        using var harness = new DriverHarness(emulator, Web);
        await harness.CreateAllAsync(("Vpc", "main"), ("SecurityGroup", "web"));

        harness.Load(Web
            .Replace("HTTPS from the office", "HTTPS from the offices", StringComparison.Ordinal)
            .Replace("cidrBlocks: [10.1.0.0/16]", "cidrBlocks: [10.2.0.0/16]", StringComparison.Ordinal)
            .Replace("egress: []", "egress:\n    - protocol: udp\n      fromPort: 53\n      toPort: 53\n      cidrBlocks: [10.30.0.2/32]", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("SecurityGroup", "web");

        Assert.Equal(["ingress", "egress"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("SecurityGroup", "web"));
    }

    [Fact]
    public async Task SecurityGroup_RuleRevokedOutOfBand_ObserveShowsItMissing()
    {
        using var harness = new DriverHarness(emulator, Web);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("SecurityGroup", "web");

        await harness.OutOfBand.Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = created.Identity["id"],
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "10.1.0.0/16" }] }],
        });
        var observed = await harness.ObserveAsync("SecurityGroup", "web");

        var ingress = ((SecurityGroupSpec)observed.Live!).Ingress;
        Assert.Single(ingress);
        Assert.Equal(443, ingress[0].FromPort);
        Assert.Equal(["10.0.0.0/8", "192.168.0.0/16"], ingress[0].CidrBlocks!);
    }

    [Fact]
    public async Task SecurityGroup_GroupsAllowingEachOther_SecondReconcileCompletesTheCycle()
    {
        using var harness = new DriverHarness(emulator, Pair);
        await harness.CreateAllAsync(("Vpc", "main"));

        var alb = await harness.CreateAsync("SecurityGroup", "alb");
        Assert.Empty(((SecurityGroupSpec)alb.Live!).Egress);
        var app = await harness.CreateAsync("SecurityGroup", "app");
        harness.AssertInSync(app);
        var (updated, fields) = await harness.UpdateAsync("SecurityGroup", "alb");

        Assert.Equal(["egress"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Equal(
            new SecurityGroupRuleSpec { Protocol = "tcp", FromPort = 8080, ToPort = 8080, SecurityGroup = "app", Description = "To the app" },
            ((SecurityGroupSpec)updated.Live!).Egress[0]);
    }

    [Fact]
    public async Task SecurityGroup_GroupsAllowingEachOther_DeleteInEitherOrderSucceeds()
    {
        using var harness = new DriverHarness(emulator, Pair);
        await harness.CreateAllAsync(("Vpc", "main"), ("SecurityGroup", "alb"), ("SecurityGroup", "app"));
        var alb = (await harness.UpdateAsync("SecurityGroup", "alb")).Updated;
        var app = await harness.ObserveAsync("SecurityGroup", "app");

        await harness.DeleteAsync("SecurityGroup", "alb", alb.Identity);
        await harness.DeleteAsync("SecurityGroup", "app", app.Identity);

        Assert.False((await harness.ObserveAsync("SecurityGroup", "alb", recorded: alb.Identity)).Exists);
        Assert.False((await harness.ObserveAsync("SecurityGroup", "app", recorded: app.Identity)).Exists);
    }

    [Fact]
    public async Task SecurityGroup_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Web);
        await harness.CreateAllAsync(("Vpc", "main"));
        var created = await harness.CreateAsync("SecurityGroup", "web");

        await harness.DeleteAsync("SecurityGroup", "web", created.Identity);
        var observed = await harness.ObserveAsync("SecurityGroup", "web", recorded: created.Identity);
        await harness.DeleteAsync("SecurityGroup", "web", created.Identity);

        Assert.False(observed.Exists);
    }
}
