using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An RDS for PostgreSQL instance: private, encrypted at rest, backed up for at least seven days,
/// protected from deletion, its master password kept by RDS (or in Secrets Manager), never in a document.
/// </summary>
/// <remarks>
/// Stateful: a removed document orphans the database unless <c>metadata.deletionPolicy: delete</c>
/// says otherwise, and even then the driver takes a final snapshot first. Replaced
/// delete-then-create: its identifier is fixed by the document and unique in the region.
/// </remarks>
[Kind("DbInstance", Stateful = true)]
public sealed record DbInstanceSpec : IResourceSpec
{
    /// <summary>The lowest backup retention accepted: a week of point-in-time recovery.</summary>
    public const int MinimumBackupRetentionDays = 7;

    /// <summary>The instance identifier. Defaults to <c>{stack}-{document name}</c>; RDS keeps it lower case.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? DbInstanceIdentifier { get; init; }

    /// <summary>The database engine. Only PostgreSQL is supported; a change replaces the instance.</summary>
    [Immutable, AllowedValues("postgres")]
    public string Engine { get; init; } = "postgres";

    /// <summary>The engine version, e.g. 16.4. A newer version upgrades in place (major upgrades allowed).</summary>
    public required string EngineVersion { get; init; }

    /// <summary>The instance class, e.g. db.t3.medium.</summary>
    public required string InstanceClass { get; init; }

    /// <summary>Allocated storage in GB; RDS can grow it, never shrink it.</summary>
    [Range(20, 65536)]
    public required int AllocatedStorage { get; init; }

    /// <summary>The storage type: gp3 (general purpose SSD) by default.</summary>
    [AllowedValues("gp3", "gp2", "io1", "io2")]
    public string StorageType { get; init; } = "gp3";

    /// <summary>The ceiling in GB up to which RDS grows storage by itself (storage autoscaling); unmanaged when absent.</summary>
    [Range(21, 65536)]
    public int? MaxAllocatedStorage { get; init; }

    /// <summary>The port PostgreSQL listens on. A change replaces the instance.</summary>
    [Immutable, Range(1150, 65535)]
    public int Port { get; init; } = 5432;

    /// <summary>The name of the DbSubnetGroup document: the private subnets the instance lives in.</summary>
    [Reference("DbSubnetGroup")]
    public required string DbSubnetGroup { get; init; }

    /// <summary>The name of the DbParameterGroup document; the family's default group when absent (unmanaged).</summary>
    [Reference("DbParameterGroup")]
    public string? ParameterGroup { get; init; }

    /// <summary>The names of the SecurityGroup documents guarding the instance. None may open the port to the internet.</summary>
    [Reference("SecurityGroup")]
    public required IReadOnlyList<string> SecurityGroups { get; init; }

    /// <summary>Whether a standby runs in a second zone (Multi-AZ).</summary>
    public bool MultiAz { get; init; }

    /// <summary>Days automated backups are kept: 7 at least, 35 at most.</summary>
    [Range(1, 35)]
    public int BackupRetentionDays { get; init; } = MinimumBackupRetentionDays;

    /// <summary>The daily backup window in UTC, e.g. 03:00-04:00; RDS picks one when absent (unmanaged).</summary>
    public string? PreferredBackupWindow { get; init; }

    /// <summary>Whether the instance gets a public address. Must stay false.</summary>
    public bool PubliclyAccessible { get; init; }

    /// <summary>Whether storage is encrypted at rest. Must stay true; AWS cannot change it, so a change replaces the instance.</summary>
    [Immutable]
    public bool StorageEncrypted { get; init; } = true;

    /// <summary>The KMS key that encrypts storage; the account's aws/rds key when absent (unmanaged).</summary>
    [Immutable]
    public string? KmsKeyId { get; init; }

    /// <summary>Whether RDS refuses to delete the instance. Turned off behind the tool's back, it is drift.</summary>
    public bool DeletionProtection { get; init; } = true;

    /// <summary>The master user's name. AWS cannot change it, so a change replaces the instance.</summary>
    [Immutable]
    public required string MasterUsername { get; init; }

    /// <summary>Whether RDS generates the master password and keeps it in Secrets Manager (the default).</summary>
    public bool ManageMasterUserPassword { get; init; } = true;

    /// <summary>
    /// The ARN of a Secrets Manager secret holding the master password (a plain string, or JSON
    /// with a <c>password</c> key), for <c>manageMasterUserPassword: false</c>. Read only when
    /// creating the instance or when the ARN changes; the password never appears in a document.
    /// </summary>
    public string? MasterPasswordSecret { get; init; }

    /// <summary>Whether Performance Insights is on; unmanaged when absent.</summary>
    public bool? PerformanceInsights { get; init; }

    /// <summary>Enhanced monitoring interval in seconds (0 is off); unmanaged when absent.</summary>
    [AllowedValues(0, 1, 5, 10, 15, 30, 60)]
    public int? MonitoringInterval { get; init; }

    /// <summary>The IAM role that lets RDS publish enhanced monitoring metrics, with a monitoring interval above 0.</summary>
    public string? MonitoringRoleArn { get; init; }

    /// <summary>Whether RDS applies minor engine upgrades in the maintenance window.</summary>
    public bool AutoMinorVersionUpgrade { get; init; } = true;

    /// <summary>A private, encrypted, backed-up database whose password lives outside the document, behind no open port.</summary>
    public void Validate(SpecRules rules)
    {
        if (PubliclyAccessible)
        {
            rules.Error("publiclyAccessible", "DbInstance spec.publiclyAccessible is true: the database would get a public address; databases stay private, so set it to false (reach it from the app tier through its security group)");
        }

        if (rules.HasValue("storageEncrypted") && !StorageEncrypted)
        {
            rules.Error("storageEncrypted", "DbInstance spec.storageEncrypted is false: data would be stored unencrypted; encryption at rest is required, so set it to true (with kmsKeyId for a key of your own)");
        }

        if (rules.HasValue("backupRetentionDays") && BackupRetentionDays < MinimumBackupRetentionDays)
        {
            rules.Error("backupRetentionDays", $"DbInstance spec.backupRetentionDays is {BackupRetentionDays}: under the floor of {MinimumBackupRetentionDays} days of backups; set it to {MinimumBackupRetentionDays} or more");
        }

        if (rules.Policies is { RequireMultipleZones: true } && !MultiAz)
        {
            rules.Error("multiAz", "DbInstance spec.multiAz is false, but the stack's policies.requireMultipleZones asks for zone redundancy; set multiAz: true so a standby runs in a second zone");
        }

        CheckPasswordSource(rules);
        CheckMonitoring(rules);
        CheckSecurityGroups(rules);
    }

    /// <summary>
    /// Instance hours and gp3 storage (both doubled by Multi-AZ), and backup storage beyond the free
    /// amount (as much as the allocated storage): the daily changes kept for the retention period.
    /// </summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var multiplier = MultiAz ? prices.Price("rds.multiAzMultiplier") : 1m;
        var classId = $"rds.postgres.{InstanceClass}";
        var hourly = InstanceClass is not null && prices.Prices.TryGetValue(classId, out var unit) ? unit.Usd : 0m;
        var instanceUsd = hourly * prices.HoursPerMonth * multiplier;
        var storageUsd = AllocatedStorage * prices.Price("rds.gp3Storage") * multiplier;
        var changedPerDay = prices.Assumption("DbInstance", "backupDailyChangePercent") / 100m;
        var backupGb = AllocatedStorage * changedPerDay * BackupRetentionDays;
        var backupUsd = backupGb * prices.Price("rds.backupStorage");
        var instance = hourly > 0 ? InstanceClass : $"{InstanceClass ?? "an instance class"} (no list price in the table)";
        var basis = $"{instance}{(MultiAz ? " Multi-AZ" : "")}, {MonthlyCost.Figure(AllocatedStorage)} GB gp3, {MonthlyCost.Figure(Math.Round(backupGb, 1))} GB of backups beyond the free amount";
        return new MonthlyCost(instanceUsd + storageUsd + backupUsd, basis);
    }

    private void CheckPasswordSource(SpecRules rules)
    {
        var secretSet = rules.HasValue("masterPasswordSecret");
        if (secretSet && ManageMasterUserPassword)
        {
            rules.Error("masterPasswordSecret", "DbInstance spec sets masterPasswordSecret while manageMasterUserPassword is true (the default); the password comes from one place, so set manageMasterUserPassword: false or remove masterPasswordSecret");
        }
        else if (secretSet && !MasterPasswordSecret!.StartsWith("arn:", StringComparison.Ordinal))
        {
            rules.Error("masterPasswordSecret", "DbInstance spec.masterPasswordSecret is not an ARN; give the ARN of the Secrets Manager secret that holds the password (arn:aws:secretsmanager:...)");
        }
        else if (!secretSet && !ManageMasterUserPassword && rules.HasValue("manageMasterUserPassword"))
        {
            rules.Error("manageMasterUserPassword", "DbInstance spec has manageMasterUserPassword: false and no masterPasswordSecret, so the database would have no master password; add masterPasswordSecret: <secret ARN>, or set manageMasterUserPassword: true");
        }
    }

    private void CheckMonitoring(SpecRules rules)
    {
        if (MonitoringInterval > 0 && !rules.HasValue("monitoringRoleArn"))
        {
            rules.Error("monitoringInterval", $"DbInstance spec.monitoringInterval is {MonitoringInterval} without monitoringRoleArn; enhanced monitoring needs the IAM role RDS publishes metrics with, so add monitoringRoleArn");
        }
    }

    // The rule is reported at the instance's securityGroups entry: the database is what the open port exposes.
    private void CheckSecurityGroups(SpecRules rules)
    {
        if (!rules.HasValue("securityGroups"))
        {
            return;
        }

        for (var i = 0; i < SecurityGroups.Count; i++)
        {
            if (SecurityGroups[i] is not { } name || rules.Find<SecurityGroupSpec>(name) is not { Ingress: { } ingress })
            {
                continue;
            }

            for (var r = 0; r < ingress.Count; r++)
            {
                if (ingress[r] is { } rule && OpensToInternet(rule))
                {
                    rules.Error($"securityGroups[{i}]", $"SecurityGroup '{name}' in DbInstance spec.securityGroups[{i}] opens the database port {Port} to {string.Join(", ", rule.CidrBlocks!.Where(IsInternet))} (its ingress[{r}]); a database is reached only from the app tier, so allow the app's security group instead");
                }
            }
        }
    }

    private bool OpensToInternet(SecurityGroupRuleSpec rule) =>
        rule.CidrBlocks?.Any(IsInternet) == true
        && (rule.Protocol == "-1" || (rule.Protocol == "tcp" && rule.FromPort <= Port && Port <= rule.ToPort));

    private static bool IsInternet(string? cidr) => cidr is "0.0.0.0/0" or "::/0";
}
