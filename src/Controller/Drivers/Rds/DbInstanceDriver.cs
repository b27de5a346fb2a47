using Reconciler.Aws.Clients.Rds;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using RdsOperations = Reconciler.Aws.Clients.Rds.RdsOperations;
using SecretsManagerOperations = Reconciler.Aws.Clients.SecretsManager.SecretsManagerOperations;

namespace Reconciler.Controller.Drivers.Rds;

/// <summary>
/// Converges RDS for PostgreSQL instances through the generated <see cref="IRdsClient"/>.
/// <para>
/// Reads: one paginated DescribeDBInstances returns every setting and the tags (TagList) of every
/// instance: the whole kind costs one call a page, with no per-instance reads.
/// </para>
/// <para>
/// Live form: references as document names; <c>manageMasterUserPassword</c> is whether RDS holds
/// a master user secret; <c>masterPasswordSecret</c> is the secret the password was last set from,
/// recorded in a reserved tag (RDS cannot say where a password came from).
/// </para>
/// <para>
/// Writes: every change goes in one ModifyDBInstance with <c>ApplyImmediately</c>: a reconciler
/// converges now, not in a maintenance window the plan cannot show (a class or storage change can
/// mean a brief failover, which the plan names). Then it waits on the injected clock for
/// <c>available</c>.
/// </para>
/// <para>
/// Delete runs only for an explicit <c>deletionPolicy: delete</c> (the kind is stateful; the planner
/// orphans otherwise). It always leaves a final snapshot, <c>{stack}-{name}-final-{yyyyMMdd-HHmmss}</c>,
/// taken by the DeleteDBInstance call itself, so it holds the last write and RDS refuses to delete
/// without it; deletion protection comes off only within this delete, just before, and goes back
/// on if the delete is refused.
/// </para>
/// </summary>
internal sealed class DbInstanceDriver : NameAddressedDriver<DbInstanceSpec, DBInstance>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. RdsTags.Operations,
        .. StackTagIndex.Operations,
        RdsOperations.CreateDBInstance,
        RdsOperations.DeleteDBInstance,
        RdsOperations.DescribeDBInstances,
        RdsOperations.ModifyDBInstance,
        SecretsManagerOperations.GetSecretValue,
    ];

    private const string Available = "available";

    protected override AwsService Service => AwsService.Rds;

    protected override ITagApi Tags => RdsTags.Instance;

    protected override string NameOf(DbInstanceSpec spec) => spec.DbInstanceIdentifier!;

    protected override async Task<IReadOnlyDictionary<string, DBInstance>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var instances = await Pages.ReadAllAsync<DBInstance>(async marker =>
        {
            var page = await context.Aws.Rds.DescribeDBInstancesAsync(new DescribeDBInstancesMessage { Marker = marker }, cancellationToken);
            return (page.DBInstances, page.Marker);
        });
        return RdsNames.ByName(instances, i => i.DBInstanceIdentifier);
    }

    protected override Task<ObservedResource> ReadAsync(ResourceKey key, DBInstance listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.DBInstanceIdentifier!;
        var arn = listed.DBInstanceArn ?? throw new InvalidOperationException($"{key}: DescribeDBInstances returned no ARN for {name}.");
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        var tags = RdsTags.From(listed.TagList);
        var outputs = new Dictionary<string, string>
        {
            ["dbInstanceIdentifier"] = name,
            ["dbInstanceArn"] = arn,
            ["address"] = listed.Endpoint?.Address ?? "",
            ["port"] = (listed.Endpoint?.Port ?? listed.DbInstancePort)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        if (listed.MasterUserSecret?.SecretArn is { } secretArn)
        {
            outputs["masterUserSecretArn"] = secretArn;
        }

        return Task.FromResult(Observed(key, LiveOf(listed, tags, context), tags, identity, outputs));
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, DbInstanceSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var allTags = spec.MasterPasswordSecret is { } secret ? TagDiff.Overlay(tags, new Dictionary<string, string> { [MasterPassword.SourceTag] = secret }) : tags;
        var request = new CreateDBInstanceMessage
        {
            DBInstanceIdentifier = NameOf(spec),
            Engine = spec.Engine,
            EngineVersion = spec.EngineVersion,
            DBInstanceClass = spec.InstanceClass,
            AllocatedStorage = spec.AllocatedStorage,
            StorageType = spec.StorageType,
            MaxAllocatedStorage = spec.MaxAllocatedStorage,
            Port = spec.Port,
            DBSubnetGroupName = context.Identities.IdOf("DbSubnetGroup", spec.DbSubnetGroup),
            DBParameterGroupName = spec.ParameterGroup is { } group ? context.Identities.IdOf("DbParameterGroup", group) : null,
            VpcSecurityGroupIds = SecurityGroupIdsOf(spec, context),
            MultiAZ = spec.MultiAz,
            BackupRetentionPeriod = spec.BackupRetentionDays,
            PreferredBackupWindow = spec.PreferredBackupWindow,
            PubliclyAccessible = spec.PubliclyAccessible,
            StorageEncrypted = spec.StorageEncrypted,
            KmsKeyId = spec.KmsKeyId,
            DeletionProtection = spec.DeletionProtection,
            MasterUsername = spec.MasterUsername,
            ManageMasterUserPassword = spec.ManageMasterUserPassword ? true : null,
            MasterUserPassword = spec.MasterPasswordSecret is { } arn ? await MasterPassword.ReadAsync(arn, context, cancellationToken) : null,
            EnablePerformanceInsights = spec.PerformanceInsights,
            MonitoringInterval = spec.MonitoringInterval,
            MonitoringRoleArn = spec.MonitoringRoleArn,
            AutoMinorVersionUpgrade = spec.AutoMinorVersionUpgrade,
            CopyTagsToSnapshot = true,
            Tags = RdsTags.ToRds(allTags),
        };
        var created = await RdsNames.CreatingAsync(() => context.Aws.Rds.CreateDBInstanceAsync(request, cancellationToken));
        var id = created?.DBInstance?.DBInstanceIdentifier ?? NameOf(spec);
        await WaitAvailableAsync(key, id, context, cancellationToken);
        return id;
    }

    /// <summary>One ModifyDBInstance with every changed field, applied immediately; then the wait for available.</summary>
    protected override async Task ApplyAsync(SpecChange<DbInstanceSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (spec, live) = (change.Desired, change.Live);
        string? password = null;
        if (change.Changed("masterPasswordSecret") && spec.MasterPasswordSecret is { } secret)
        {
            password = await MasterPassword.ReadAsync(secret, context, cancellationToken);
        }

        var request = new ModifyDBInstanceMessage
        {
            DBInstanceIdentifier = change.Id,
            ApplyImmediately = true,
            EngineVersion = change.IfChanged("engineVersion", spec.EngineVersion),
            AllowMajorVersionUpgrade = change.Changed("engineVersion") && Major(spec.EngineVersion) != Major(live.EngineVersion) ? true : null,
            DBInstanceClass = change.IfChanged("instanceClass", spec.InstanceClass),
            AllocatedStorage = change.IfChanged("allocatedStorage", spec.AllocatedStorage),
            StorageType = change.IfChanged("storageType", spec.StorageType),
            MaxAllocatedStorage = change.IfChanged("maxAllocatedStorage", spec.MaxAllocatedStorage),
            DBSubnetGroupName = change.Changed("dbSubnetGroup") ? context.Identities.IdOf("DbSubnetGroup", spec.DbSubnetGroup) : null,
            DBParameterGroupName = change.Changed("parameterGroup") && spec.ParameterGroup is { } group ? context.Identities.IdOf("DbParameterGroup", group) : null,
            VpcSecurityGroupIds = change.Changed("securityGroups") ? SecurityGroupIdsOf(spec, context) : null,
            MultiAZ = change.IfChanged("multiAz", spec.MultiAz),
            BackupRetentionPeriod = change.IfChanged("backupRetentionDays", spec.BackupRetentionDays),
            PreferredBackupWindow = change.IfChanged("preferredBackupWindow", spec.PreferredBackupWindow),
            PubliclyAccessible = change.IfChanged("publiclyAccessible", spec.PubliclyAccessible),
            DeletionProtection = change.IfChanged("deletionProtection", spec.DeletionProtection),
            ManageMasterUserPassword = change.IfChanged("manageMasterUserPassword", spec.ManageMasterUserPassword),
            MasterUserPassword = password,
            EnablePerformanceInsights = change.IfChanged("performanceInsights", spec.PerformanceInsights),
            MonitoringInterval = change.IfChanged("monitoringInterval", spec.MonitoringInterval),
            MonitoringRoleArn = change.IfChanged("monitoringRoleArn", spec.MonitoringRoleArn),
            AutoMinorVersionUpgrade = change.IfChanged("autoMinorVersionUpgrade", spec.AutoMinorVersionUpgrade),
        };
        await context.Aws.Rds.ModifyDBInstanceAsync(request, cancellationToken);
        if (password is not null)
        {
            await Tags.SetAsync(context.Aws, change.Identity, [new(MasterPassword.SourceTag, spec.MasterPasswordSecret!)], new Dictionary<string, string>(), cancellationToken);
        }

        await WaitAvailableAsync(change.Key, change.Id, context, cancellationToken);
    }

    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity["id"];
        var instance = await DescribeAsync(id, context, cancellationToken);
        if (instance is null)
        {
            return;
        }

        await WaitAvailableAsync(key, id, context, cancellationToken);
        var snapshot = FinalSnapshotName.For(context.Stack.Name, key.Name, context.Time.GetUtcNow());
        var protectedNow = instance.DeletionProtection == true;
        if (protectedNow)
        {
            await SetDeletionProtectionAsync(key, id, enabled: false, context, cancellationToken);
        }

        try
        {
            await context.Aws.Rds.DeleteDBInstanceAsync(
                new DeleteDBInstanceMessage { DBInstanceIdentifier = id, SkipFinalSnapshot = false, FinalDBSnapshotIdentifier = snapshot, DeleteAutomatedBackups = false },
                cancellationToken);
        }
        catch (Exception e) when (!IsNotFound(e) && protectedNow)
        {
            // Refused (the snapshot name taken, the instance busy): it stays, and protected again.
            await SetDeletionProtectionAsync(key, id, enabled: true, context, CancellationToken.None);
            throw;
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return;
        }

        await Waiter.UntilAsync($"{key} ({id}) to be deleted", async ct => await DescribeAsync(id, context, ct) is null, context, cancellationToken);
    }

    protected override bool IsNotFound(Exception error) => RdsErrors.IsNotFound(error);

    private static DbInstanceSpec LiveOf(DBInstance item, IReadOnlyDictionary<string, string> tags, DriverContext context) => new()
    {
        DbInstanceIdentifier = item.DBInstanceIdentifier,
        Engine = item.Engine ?? "",
        EngineVersion = item.EngineVersion ?? "",
        InstanceClass = item.DBInstanceClass ?? "",
        AllocatedStorage = item.AllocatedStorage ?? 0,
        StorageType = item.StorageType ?? "",
        MaxAllocatedStorage = item.MaxAllocatedStorage,
        Port = item.Endpoint?.Port ?? item.DbInstancePort ?? 0,
        DbSubnetGroup = item.DBSubnetGroup?.DBSubnetGroupName is { } subnetGroup ? context.Identities.NameOf("DbSubnetGroup", subnetGroup) : "",
        ParameterGroup = item.DBParameterGroups?.FirstOrDefault()?.DBParameterGroupName is { } parameterGroup ? context.Identities.NameOf("DbParameterGroup", parameterGroup) : null,
        SecurityGroups = [.. (item.VpcSecurityGroups ?? []).Select(g => context.Identities.NameOf("SecurityGroup", g.VpcSecurityGroupId!)).Order(StringComparer.Ordinal)],
        MultiAz = item.MultiAZ ?? false,
        BackupRetentionDays = item.BackupRetentionPeriod ?? 0,
        PreferredBackupWindow = item.PreferredBackupWindow,
        PubliclyAccessible = item.PubliclyAccessible ?? false,
        StorageEncrypted = item.StorageEncrypted ?? false,
        KmsKeyId = item.KmsKeyId,
        DeletionProtection = item.DeletionProtection ?? false,
        MasterUsername = item.MasterUsername ?? "",
        ManageMasterUserPassword = item.MasterUserSecret is not null,
        MasterPasswordSecret = tags.GetValueOrDefault(MasterPassword.SourceTag),
        PerformanceInsights = item.PerformanceInsightsEnabled ?? false,
        MonitoringInterval = item.MonitoringInterval ?? 0,
        MonitoringRoleArn = item.MonitoringRoleArn,
        AutoMinorVersionUpgrade = item.AutoMinorVersionUpgrade ?? false,
    };

    private static List<string> SecurityGroupIdsOf(DbInstanceSpec spec, DriverContext context) =>
        [.. spec.SecurityGroups.Select(name => context.Identities.IdOf("SecurityGroup", name))];

    private static string Major(string version) => version.Split('.')[0];

    private static async Task<DBInstance?> DescribeAsync(string id, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await context.Aws.Rds.DescribeDBInstancesAsync(new DescribeDBInstancesMessage { DBInstanceIdentifier = id }, cancellationToken)).DBInstances?.FirstOrDefault();
        }
        catch (Exception e) when (RdsErrors.IsNotFound(e))
        {
            return null;
        }
    }

    private static async Task SetDeletionProtectionAsync(ResourceKey key, string id, bool enabled, DriverContext context, CancellationToken cancellationToken)
    {
        await context.Aws.Rds.ModifyDBInstanceAsync(new ModifyDBInstanceMessage { DBInstanceIdentifier = id, DeletionProtection = enabled, ApplyImmediately = true }, cancellationToken);
        await WaitAvailableAsync(key, id, context, cancellationToken);
    }

    private static Task WaitAvailableAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken) =>
        Waiter.UntilAsync(
            $"{key} ({id}) to become {Available}",
            async ct => (await DescribeAsync(id, context, ct))?.DBInstanceStatus == Available,
            context,
            cancellationToken);
}
