using Reconciler.Integration.Tests.Drivers;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// A database outlives its document: removing a DbInstance document orphans the database unless
/// the document said <c>deletionPolicy: delete</c>, and then the delete leaves a final snapshot.
/// Applied through the command line, checked with the aws CLI.
/// </summary>
[Collection(DriverTestCollection.Name)]
public sealed class DatabaseSafetyTests(AwsEmulatorFixture emulator) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reconciler-db-safety-").FullName;
    private readonly string _stack = $"db{Guid.NewGuid():N}"[..12];
    private readonly CliHarness _cli = new(emulator.Environment);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task Apply_DbInstanceDocumentRemovedWithoutExplicitDelete_OrphansTheDatabase()
    {
        Write(RdsDocuments.Instance);
        await ApplyAsync();

        Write(instance: null);
        var plan = await _cli.RunAsync("plan", _folder);
        await ApplyAsync();

        Assert.Contains("DbInstance/main", plan.Output, StringComparison.Ordinal);
        Assert.Contains("0 to destroy, 1 to orphan", plan.Output, StringComparison.Ordinal);
        var instance = (await _aws.RunAsync("rds", "describe-db-instances", "--db-instance-identifier", $"{_stack}-main"))!["DBInstances"]![0]!;
        Assert.Equal("available", (string?)instance["DBInstanceStatus"]);
        Assert.True((bool)instance["DeletionProtection"]!);
    }

    [Fact]
    public async Task Apply_DbInstanceDocumentRemovedWithExplicitDelete_DeletesItAfterAFinalSnapshot()
    {
        Write(RdsDocuments.Instance.Replace("  name: main\n", "  name: main\n  deletionPolicy: delete\n", StringComparison.Ordinal));
        await ApplyAsync();

        Write(instance: null);
        var plan = await _cli.RunAsync("plan", _folder);
        await ApplyAsync();

        Assert.Contains("1 to destroy, 0 to orphan", plan.Output, StringComparison.Ordinal);
        var instances = (await _aws.RunAsync("rds", "describe-db-instances"))!["DBInstances"]!.AsArray();
        Assert.DoesNotContain(instances, i => (string?)i!["DBInstanceIdentifier"] == $"{_stack}-main");
        var snapshots = (await _aws.RunAsync("rds", "describe-db-snapshots", "--db-instance-identifier", $"{_stack}-main", "--snapshot-type", "manual"))!["DBSnapshots"]!.AsArray();
        Assert.StartsWith($"{_stack}-main-final-", (string?)Assert.Single(snapshots)!["DBSnapshotIdentifier"], StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task ApplyAsync()
    {
        var applied = await _cli.RunAsync("apply", _folder);
        Assert.True(applied.ExitCode == 0, applied.ToString());
    }

    private void Write(string? instance)
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
                maxDeletePercent: 50
            """);
        File.WriteAllText(Path.Combine(_folder, "resources.yaml"), instance is null ? $"{RdsDocuments.Network}\n---\n{RdsDocuments.ParameterGroup}" : RdsDocuments.All(instance));
    }
}
