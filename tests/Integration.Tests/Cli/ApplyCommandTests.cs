using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// The foundation end to end: the dev stack applied to the emulator through the command line,
/// checked with the aws CLI (not with the drivers under test), drifted behind the
/// controller's back, shrunk, refused by the guard rails, and crashed mid-apply.
/// </summary>
public sealed class ApplyCommandTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private const string Stack = "ml-platform-dev";
    private readonly StackFolder _folder = StackFolder.CopyOf("dev");
    private readonly CliHarness _cli = new(emulator.Environment);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Apply_DevStack_CreatesEveryResourceAndPrintsOutputs()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("Outputs:", applied.Output, StringComparison.Ordinal);
        Assert.Contains("vpcId = vpc-", applied.Output, StringComparison.Ordinal);

        var vpcs = (await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray();
        var vpc = Assert.Single(vpcs);
        Assert.Equal("10.10.0.0/16", (string?)vpc!["CidrBlock"]);
        var vpcId = (string)vpc["VpcId"]!;

        var subnets = (await _aws.RunAsync("ec2", "describe-subnets", "--filters", $"Name=vpc-id,Values={vpcId}"))!["Subnets"]!.AsArray();
        Assert.Equal(
            ["10.10.0.0/24", "10.10.1.0/24", "10.10.10.0/24", "10.10.11.0/24"],
            subnets.Select(s => (string)s!["CidrBlock"]!).Order(StringComparer.Ordinal));
        Assert.Equal(2, subnets.Count(s => (bool?)s!["MapPublicIpOnLaunch"] == true));

        var gateways = (await _aws.RunAsync("ec2", "describe-internet-gateways", "--filters", $"Name=attachment.vpc-id,Values={vpcId}"))!["InternetGateways"]!.AsArray();
        var gatewayId = (string)Assert.Single(gateways)!["InternetGatewayId"]!;

        var tables = (await _aws.RunAsync("ec2", "describe-route-tables", "--filters", $"Name=tag:reconciler:resource,Values=RouteTable/public"))!["RouteTables"]!.AsArray();
        var routeTable = Assert.Single(tables)!;
        Assert.Contains(routeTable["Routes"]!.AsArray(), r => (string?)r!["DestinationCidrBlock"] == "0.0.0.0/0" && (string?)r["GatewayId"] == gatewayId);
        Assert.Equal(2, routeTable["Associations"]!.AsArray().Count(a => a!["SubnetId"] is not null));

        var groups = (await _aws.RunAsync("ec2", "describe-security-groups", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["SecurityGroups"]!.AsArray();
        // alb, app, db, and the controller's own (controller.yaml).
        Assert.Equal(4, groups.Count);
        var alb = groups.Single(g => g!["Tags"]!.AsArray().Any(t => (string?)t!["Value"] == "SecurityGroup/alb"))!;
        // HTTPS, and HTTP only to be redirected to it.
        Assert.Equal([80, 443], alb["IpPermissions"]!.AsArray().Select(p => (int)p!["FromPort"]!).Order());
        var https = alb["IpPermissions"]!.AsArray().Single(p => (int)p!["FromPort"]! == 443)!;
        Assert.Equal("0.0.0.0/0", (string?)https["IpRanges"]![0]!["CidrIp"]);
        var db = groups.Single(g => g!["Tags"]!.AsArray().Any(t => (string?)t!["Value"] == "SecurityGroup/db"))!;
        Assert.Empty(db["IpPermissionsEgress"]!.AsArray());

        var bucket = $"{Stack}-models";
        Assert.Equal("Enabled", (string?)(await _aws.RunAsync("s3api", "get-bucket-versioning", "--bucket", bucket))!["Status"]);
        var block = (await _aws.RunAsync("s3api", "get-public-access-block", "--bucket", bucket))!["PublicAccessBlockConfiguration"]!;
        Assert.True((bool)block["BlockPublicAcls"]! && (bool)block["RestrictPublicBuckets"]!);
        var encryption = (await _aws.RunAsync("s3api", "get-bucket-encryption", "--bucket", bucket))!;
        Assert.Equal("AES256", (string?)encryption["ServerSideEncryptionConfiguration"]!["Rules"]![0]!["ApplyServerSideEncryptionByDefault"]!["SSEAlgorithm"]);

        var logGroups = (await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/"))!["logGroups"]!.AsArray();
        // inference, controller, api-access and trail (the function's is /aws/lambda/...).
        Assert.Equal(4, logGroups.Count);
        Assert.All(logGroups, g => Assert.Equal(14, (int)g!["retentionInDays"]!));

        var table = (await _aws.RunAsync("dynamodb", "describe-table", "--table-name", $"{Stack}-model-registry"))!["Table"]!;
        Assert.Equal("ACTIVE", (string?)table["TableStatus"]);
    }

    [Fact]
    public async Task Plan_AfterApply_ExitsZeroAndSecondApplyChangesNothing()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        await IssuedCertificates.WaitAsync(_aws);
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);

        var plan = await _cli.RunAsync("plan", _folder.Path);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("No changes.", plan.Output, StringComparison.Ordinal);

        var again = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, _cli.RequestLog.Writes);
    }

    [Fact]
    public async Task Plan_SecurityGroupRuleRevokedOutOfBand_ShowsThatRuleAndApplyHealsIt()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        var groups = (await _aws.RunAsync("ec2", "describe-security-groups", "--filters", "Name=tag:reconciler:resource,Values=SecurityGroup/alb"))!["SecurityGroups"]!.AsArray();
        var groupId = (string)groups[0]!["GroupId"]!;
        await _aws.RunAsync("ec2", "revoke-security-group-ingress", "--group-id", groupId, "--protocol", "tcp", "--port", "443", "--cidr", "0.0.0.0/0");

        var plan = await _cli.RunAsync("plan", _folder.Path);

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("~ SecurityGroup/alb", plan.Output, StringComparison.Ordinal);
        Assert.Contains("ingress", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy", plan.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        var healed = (await _aws.RunAsync("ec2", "describe-security-groups", "--group-ids", groupId))!["SecurityGroups"]![0]!["IpPermissions"]!.AsArray();
        Assert.Equal([80, 443], healed.Select(p => (int)p!["FromPort"]!).Order());
        Assert.Equal(0, (await _cli.RunAsync("plan", _folder.Path)).ExitCode);
    }

    [Fact]
    public async Task Plan_LogRetentionChangedOutOfBand_ShowsThatFieldAndApplyHealsIt()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        await _aws.RunAsync("logs", "put-retention-policy", "--log-group-name", $"/{Stack}/inference", "--retention-in-days", "30");

        var plan = await _cli.RunAsync("plan", _folder.Path);

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("~ LogGroup/inference", plan.Output, StringComparison.Ordinal);
        Assert.Contains("retentionDays", plan.Output, StringComparison.Ordinal);
        Assert.Contains("30", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy", plan.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        var groups = (await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/inference"))!["logGroups"]!.AsArray();
        Assert.Equal(14, (int)groups[0]!["retentionInDays"]!);
    }

    [Fact]
    public async Task Plan_BucketVersioningSuspendedOutOfBand_ShowsThatFieldAndApplyHealsIt()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        var bucket = $"{Stack}-models";
        await _aws.RunAsync("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Suspended");

        var plan = await _cli.RunAsync("plan", _folder.Path);

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("~ Bucket/models", plan.Output, StringComparison.Ordinal);
        Assert.Contains("versioning", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy", plan.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        Assert.Equal("Enabled", (string?)(await _aws.RunAsync("s3api", "get-bucket-versioning", "--bucket", bucket))!["Status"]);
    }

    [Fact]
    public async Task Apply_DocumentRemoved_DeletesItAndOrphansStatefulOnes()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        // An alarm: nothing references it (every log group is referenced by now).
        _folder.RemoveDocument("monitoring.yaml", "db-cpu");
        _folder.RemoveDocument("storage.yaml", "model-registry");

        var plan = await _cli.RunAsync("plan", _folder.Path);
        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("- Alarm/db-cpu", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Table/model-registry", plan.Output, StringComparison.Ordinal);
        Assert.Contains("1 to destroy, 1 to orphan", plan.Output, StringComparison.Ordinal);

        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var alarms = (await _aws.RunAsync("cloudwatch", "describe-alarms", "--alarm-name-prefix", $"{Stack}-"))!["MetricAlarms"]!.AsArray();
        Assert.DoesNotContain(alarms, a => ((string)a!["AlarmName"]!).EndsWith("-db-cpu", StringComparison.Ordinal));
        Assert.Contains(alarms, a => ((string)a!["AlarmName"]!).EndsWith("-db-free-storage", StringComparison.Ordinal));
        var table = (await _aws.RunAsync("dynamodb", "describe-table", "--table-name", $"{Stack}-model-registry"))!["Table"]!;
        Assert.Equal("ACTIVE", (string?)table["TableStatus"]);
        Assert.Equal(0, (await _cli.RunAsync("plan", _folder.Path)).ExitCode);
    }

    [Fact]
    public async Task Apply_MostDocumentsRemoved_IsRefusedByMassDeleteGuardAndDeletesNothing()
    {
        Assert.Equal(0, (await _cli.RunAsync("apply", _folder.Path)).ExitCode);
        // Everything but the network (which references nothing else): the rest stays valid, and most of the stack goes.
        foreach (var file in Directory.GetFiles(_folder.Path, "*.yaml").Where(f => Path.GetFileName(f) is not ("stack.yaml" or "network.yaml")))
        {
            File.Delete(file);
        }

        var refused = await _cli.RunAsync("apply", _folder.Path);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("--allow-mass-delete", refused.Errors, StringComparison.Ordinal);
        Assert.Contains("maxDeletePercent", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestLog.Writes);
        var groups = (await _aws.RunAsync("ec2", "describe-security-groups", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["SecurityGroups"]!.AsArray();
        Assert.Equal(4, groups.Count);
    }

    [Fact]
    public async Task Apply_StackOfAnotherAccount_IsRefusedByAccountGuardWithoutWriting()
    {
        // The account and every ARN the variables build on it: validation checks policies against
        // the stack's account (the trail bucket's, the alerts topic's own ARN), so a stack of
        // another account is valid and only the account guard stands in the way.
        _folder.Edit("stack.yaml", "123456789012", "210987654321");

        var refused = await _cli.RunAsync("apply", _folder.Path);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("belongs to AWS account 210987654321", refused.Errors, StringComparison.Ordinal);
        Assert.Contains("--allow-other-account", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestLog.Writes);
    }

    [Fact]
    public async Task Apply_InvalidDocuments_ReportsFileLineAndMakesNoAwsCall()
    {
        _folder.Edit("network.yaml", "  cidrBlock: ${var.vpcCidr}", "  cidrBlok: ${var.vpcCidr}");

        var refused = await _cli.RunAsync("apply", _folder.Path);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("network.yaml:", refused.Errors, StringComparison.Ordinal);
        Assert.Contains("cidrBlok", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestLog.Total);
    }

    [Fact]
    public async Task Apply_KilledBetweenCreateAndRecord_ReapplyMakesNoDuplicate()
    {
        var killed = await CliHarness.RunProcessAsync(
            emulator.Endpoint,
            new Dictionary<string, string> { ["RECONCILER_FAILPOINT"] = "after-create:Subnet/public-a" },
            "apply", _folder.Path);
        Assert.True(killed.ExitCode != 0, killed.ToString());
        Assert.Contains("failpoint", killed.Errors, StringComparison.Ordinal);

        var healed = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(healed.ExitCode == 0, healed.ToString());

        var subnets = (await _aws.RunAsync("ec2", "describe-subnets", "--filters", "Name=tag:reconciler:resource,Values=Subnet/public-a"))!["Subnets"]!.AsArray();
        Assert.Single(subnets);
        var vpcs = (await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray();
        Assert.Single(vpcs);
        Assert.Equal(0, (await _cli.RunAsync("plan", _folder.Path)).ExitCode);
    }
}
