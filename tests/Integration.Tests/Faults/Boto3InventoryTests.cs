using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Faults;

/// <summary>The crash test's checker finds what it must, so a clean inventory means something.</summary>
public sealed class Boto3InventoryTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Inventory_OfAnEmptyAccount_IsClean() =>
        Assert.Empty(await Boto3Inventory.ProblemsAsync(emulator.Endpoint));

    [Fact]
    public async Task Inventory_ReportsTwoResourcesWithOneDocumentTag_AndAnUntaggedRole()
    {
        foreach (var cidr in new[] { "10.0.0.0/16", "10.1.0.0/16" })
        {
            await _aws.RunAsync("ec2", "create-vpc", "--cidr-block", cidr, "--tag-specifications", "ResourceType=vpc,Tags=[{Key=reconciler:stack,Value=s},{Key=reconciler:resource,Value=Vpc/main}]");
        }

        await _aws.RunAsync("iam", "create-role", "--role-name", "left-behind", "--assume-role-policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");

        var problems = await Boto3Inventory.ProblemsAsync(emulator.Endpoint);

        Assert.Contains(problems, p => p.StartsWith("duplicate: Vpc Vpc/main: ", StringComparison.Ordinal));
        Assert.Contains("untagged: Role left-behind", problems);
        Assert.Equal(2, problems.Count);
    }
}
