using Reconciler.Integration.Tests.Drivers;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// One stack variable switches the container half on or off (<c>metadata.enabled: ${var.containers}</c>).
/// Switched off, its documents leave the desired state, so the deletion policy decides: the
/// cluster and a repository that says <c>deletionPolicy: delete</c> are deleted, a repository
/// (stateful) without it is orphaned. Applied through the command line, checked with the aws CLI.
/// </summary>
[Collection(DriverTestCollection.Name)]
public sealed class ContainersSwitchTests(AwsEmulatorFixture emulator) : IDisposable
{
    private const string Documents = """
        kind: Cluster
        metadata:
          name: apps
          enabled: ${var.containers}
        spec:
          containerInsights: true
        ---
        kind: Repository
        metadata:
          name: api
          enabled: ${var.containers}
        spec:
          scanOnPush: true
        ---
        kind: Repository
        metadata:
          name: scratch
          enabled: ${var.containers}
          deletionPolicy: delete
        spec:
          scanOnPush: true
        ---
        kind: LogGroup
        metadata:
          name: api
        spec:
          retentionDays: 14
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("reconciler-containers-switch-").FullName;
    private readonly string _stack = $"cs{Guid.NewGuid():N}"[..12];
    private readonly CliHarness _cli = new(emulator.Environment);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task Apply_ContainersSwitchedOff_DeletesTheClusterAndOrphansTheRepositoryUnlessItSaysDelete()
    {
        Write("true");
        await ApplyAsync();
        Assert.Equal(["api", "scratch"], await RepositoriesAsync());

        Write("false");
        var plan = await _cli.RunAsync("plan", _folder);
        await ApplyAsync();

        Assert.Contains("2 to destroy, 1 to orphan", plan.Output, StringComparison.Ordinal);
        Assert.Equal(["api"], await RepositoriesAsync());
        var cluster = (await _aws.RunAsync("ecs", "describe-clusters", "--clusters", $"{_stack}-apps"))!["clusters"]!.AsArray();
        Assert.DoesNotContain(cluster, c => (string?)c!["status"] == "ACTIVE");
        var groups = (await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{_stack}/"))!["logGroups"]!.AsArray();
        Assert.Single(groups);
    }

    [Fact]
    public async Task Apply_SwitchNotABoolean_DeletesNothing()
    {
        Write("true");
        await ApplyAsync();

        Write("sometimes");
        var applied = await _cli.RunAsync("apply", _folder);

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("field 'enabled' in metadata must be true or false", applied.Output + applied.Errors, StringComparison.Ordinal);
        Assert.Equal(["api", "scratch"], await RepositoriesAsync());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<IReadOnlyList<string>> RepositoriesAsync() =>
        [.. (await _aws.RunAsync("ecr", "describe-repositories"))!["repositories"]!.AsArray()
            .Select(r => (string)r!["repositoryName"]!)
            .Where(n => n.StartsWith($"{_stack}/", StringComparison.Ordinal))
            .Select(n => n[(_stack.Length + 1)..])
            .Order(StringComparer.Ordinal)];

    private async Task ApplyAsync()
    {
        var applied = await _cli.RunAsync("apply", _folder);
        Assert.True(applied.ExitCode == 0, applied.ToString());
    }

    private void Write(string containers)
    {
        File.WriteAllText(Path.Combine(_folder, "stack.yaml"), $"""
            kind: Stack
            metadata:
              name: {_stack}
            spec:
              region: us-east-1
              accountId: "{emulator.AccountId}"
              policies:
                deletion: delete
                maxDeletePercent: 100
              variables:
                containers: {containers}
            """);
        File.WriteAllText(Path.Combine(_folder, "resources.yaml"), Documents);
    }
}
