using System.Text.RegularExpressions;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed partial class DbInstanceDriverTests(AwsEmulatorFixture emulator)
{
    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task DbInstance_Created_IsPrivateEncryptedProtectedWithAnRdsManagedPassword()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.All());
        await harness.CreateAllAsync(RdsDocuments.InstanceDependencies);

        var created = await harness.CreateAsync("DbInstance", "main");
        var observed = await harness.ObserveAsync("DbInstance", "main");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var instance = await DescribeAsync(created.Identity["id"]);
        Assert.Equal($"{harness.StackName}-main", (string?)instance["DBInstanceIdentifier"]);
        Assert.Equal(("postgres", "db.t3.micro", "gp3"), ((string?)instance["Engine"], (string?)instance["DBInstanceClass"], (string?)instance["StorageType"]));
        Assert.Equal((true, false, true), ((bool)instance["StorageEncrypted"]!, (bool)instance["PubliclyAccessible"]!, (bool)instance["DeletionProtection"]!));
        Assert.NotNull(instance["MasterUserSecret"]?["SecretArn"]);
        Assert.Equal(7, (int)instance["BackupRetentionPeriod"]!);
        Assert.Equal($"{harness.StackName}-main", (string?)instance["DBSubnetGroup"]?["DBSubnetGroupName"]);
        Assert.Equal($"{harness.StackName}-postgres16", (string?)instance["DBParameterGroups"]?[0]?["DBParameterGroupName"]);
        Assert.Contains(instance["TagList"]!.AsArray(), t => (string?)t!["Key"] == "tier" && (string?)t["Value"] == "data");
        Assert.Equal(created.Identity["arn"], observed.Outputs["dbInstanceArn"]);
    }

    [Fact]
    public async Task DbInstance_CreatedTwice_AdoptsTheExistingInstance()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.All());
        await harness.CreateAllAsync(RdsDocuments.InstanceDependencies);

        await harness.CreateAsync("DbInstance", "main");
        var second = await harness.CreateAsync("DbInstance", "main");

        harness.AssertInSync(second);
        var all = (await _aws.RunAsync("rds", "describe-db-instances"))!["DBInstances"]!.AsArray();
        Assert.Single(all, i => (string?)i!["DBInstanceIdentifier"] == $"{harness.StackName}-main");
    }

    [Fact]
    public async Task DbInstance_ClassAndRetentionChangedInDocument_UpdateAppliesThemInPlace()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.All());
        await harness.CreateAllAsync(RdsDocuments.InstanceDependencies);
        var created = await harness.CreateAsync("DbInstance", "main");

        harness.Load(RdsDocuments.All(RdsDocuments.Instance
            .Replace("db.t3.micro", "db.t3.small", StringComparison.Ordinal)
            .Replace("backupRetentionDays: 7", "backupRetentionDays: 14", StringComparison.Ordinal)));
        var (updated, fields) = await harness.UpdateAsync("DbInstance", "main");

        Assert.Equal(["instanceClass", "backupRetentionDays"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        harness.AssertInSync(await harness.ObserveAsync("DbInstance", "main"));
        var instance = await DescribeAsync(created.Identity["id"]);
        Assert.Equal(("db.t3.small", 14), ((string?)instance["DBInstanceClass"], (int)instance["BackupRetentionPeriod"]!));
    }

    [Fact]
    public async Task Plan_DeletionProtectionTurnedOffOutOfBand_IsDriftAndUpdateTurnsItBackOn()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.All());
        await harness.CreateAllAsync(RdsDocuments.InstanceDependencies);
        var created = await harness.CreateAsync("DbInstance", "main");
        var id = created.Identity["id"];
        await _aws.RunAsync("rds", "modify-db-instance", "--db-instance-identifier", id, "--no-deletion-protection", "--apply-immediately");

        var change = harness.Plan(await harness.ObserveAsync("DbInstance", "main")).Changes.Single(c => c.Key.Kind == "DbInstance");
        var (healed, _) = await harness.UpdateAsync("DbInstance", "main");

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal([("deletionProtection", "false", "true", false)], change.Fields.Select(f => (f.Path, f.Before?.ToJsonString(), f.After?.ToJsonString(), f.ForcesReplacement)));
        harness.AssertInSync(healed);
        Assert.True((bool)(await DescribeAsync(id))["DeletionProtection"]!);
    }

    [Fact]
    public async Task Plan_MasterUsernameChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.All());
        await harness.CreateAllAsync(RdsDocuments.InstanceDependencies);
        await harness.CreateAsync("DbInstance", "main");

        harness.Load(RdsDocuments.All(RdsDocuments.Instance.Replace("masterUsername: platform", "masterUsername: owner", StringComparison.Ordinal)));
        var change = harness.Plan(await harness.ObserveAsync("DbInstance", "main")).Changes.Single(c => c.Key.Kind == "DbInstance");

        Assert.Equal(ChangeAction.Replace, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(("masterUsername", "\"platform\"", "\"owner\"", true), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString(), field.ForcesReplacement));
    }

    [Fact]
    public async Task DbInstance_Deleted_LeavesAFinalSnapshotNamedAfterStackNameAndTime()
    {
        using var harness = new DriverHarness(emulator, RdsDocuments.All());
        await harness.CreateAllAsync(RdsDocuments.InstanceDependencies);
        var created = await harness.CreateAsync("DbInstance", "main");
        var id = created.Identity["id"];

        await harness.DeleteAsync("DbInstance", "main", created.Identity);
        var observed = await harness.ObserveAsync("DbInstance", "main", recorded: created.Identity);
        await harness.DeleteAsync("DbInstance", "main", created.Identity);

        Assert.False(observed.Exists);
        var instances = (await _aws.RunAsync("rds", "describe-db-instances"))!["DBInstances"]!.AsArray();
        Assert.DoesNotContain(instances, i => (string?)i!["DBInstanceIdentifier"] == id);
        var snapshots = (await _aws.RunAsync("rds", "describe-db-snapshots", "--db-instance-identifier", id, "--snapshot-type", "manual"))!["DBSnapshots"]!.AsArray();
        var snapshot = (string)Assert.Single(snapshots)!["DBSnapshotIdentifier"]!;
        Assert.Matches(FinalSnapshot(), snapshot[$"{harness.StackName}-main".Length..]);
        Assert.StartsWith($"{harness.StackName}-main-final-", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbInstance_PasswordFromSecretsManager_IsCreatedWithoutAnRdsManagedSecretAndInSync()
    {
        var secret = await _aws.RunAsync("secretsmanager", "create-secret", "--name", $"db-{Guid.NewGuid():N}", "--secret-string", "{\"username\":\"platform\",\"password\":\"correct-horse-battery\"}");
        var arn = (string)secret!["ARN"]!;
        var documents = RdsDocuments.All(RdsDocuments.Instance.Replace(
            "masterUsername: platform",
            $"masterUsername: platform\n  manageMasterUserPassword: false\n  masterPasswordSecret: {arn}",
            StringComparison.Ordinal));
        using var harness = new DriverHarness(emulator, documents);
        await harness.CreateAllAsync(RdsDocuments.InstanceDependencies);

        var created = await harness.CreateAsync("DbInstance", "main");

        harness.AssertInSync(created);
        harness.AssertInSync(await harness.ObserveAsync("DbInstance", "main"));
        Assert.Null((await DescribeAsync(created.Identity["id"]))["MasterUserSecret"]);
        Assert.Equal(arn, ((DbInstanceSpec)created.Live!).MasterPasswordSecret);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> DescribeAsync(string id) =>
        (await _aws.RunAsync("rds", "describe-db-instances", "--db-instance-identifier", id))!["DBInstances"]![0]!;

    [GeneratedRegex(@"^-final-\d{8}-\d{6}$")]
    private static partial Regex FinalSnapshot();
}
