using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// desired-state/prod as shipped, on an empty emulator account through the command line: it
/// builds, the follow-up plan is empty, and a second apply sends no mutating request. What it
/// built is checked with the aws CLI, one system at a time; and the listener's weights, which
/// belong to the rollout controller once created, move behind the reconciler's back without
/// the plan seeing drift.
/// </summary>
public sealed class ProdStackTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime
{
    private const string Stack = "ml-platform-prod";
    private readonly StackFolder _folder = StackFolder.CopyOf("prod");
    private readonly CliHarness _cli = new(emulator.Environment);
    private readonly AwsCli _aws = new(emulator.Endpoint);

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Apply_ProdOnAnEmptyAccount_ThenPlanIsEmptyAndASecondApplyWritesNothing()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        await IssuedCertificates.WaitAsync(_aws);
        var settled = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(settled.ExitCode == 0, settled.ToString());

        var plan = await _cli.RunAsync("plan", _folder.Path);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("No changes.", plan.Output, StringComparison.Ordinal);

        var before = await StateItemsAsync();
        var again = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        var writes = _cli.RequestLog.Records().Where(r => r.IsWrite).Select(r => $"{r.Service}:{r.Operation}").ToList();
        if (writes.Count > 0)
        {
            // Names the state items the second apply rewrote, and how, so a failure says which resource read back differently.
            var after = await StateItemsAsync();
            var changed = after.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => $"{a.Key}: {before.GetValueOrDefault(a.Key) ?? "(absent)"} -> {a.Value}");
            Assert.Fail($"The second apply wrote: {string.Join(", ", writes)}\n{string.Join("\n", changed)}\n{again}");
        }
    }

    // Every item of the state table by sort key, without its write time.
    private async Task<Dictionary<string, string>> StateItemsAsync()
    {
        var items = (await _aws.RunAsync("dynamodb", "scan", "--table-name", "reconciler-state"))!["Items"]!.AsArray();
        return items.Select(i => i!.AsObject()).ToDictionary(
            i => (string)i["sk"]!["S"]!,
            i => new JsonObject(i.Where(p => p.Key != "updatedAt").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString());
    }

    [Fact]
    public async Task Apply_Prod_BuildsEachSystemOfThePlatform()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var vpc = Assert.Single((await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray())!;
        Assert.Equal("10.20.0.0/16", (string?)vpc["CidrBlock"]);
        var zones = (await _aws.RunAsync("ec2", "describe-subnets", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Subnets"]!.AsArray()
            .Select(s => (string)s!["AvailabilityZone"]!).Distinct().Count();
        Assert.Equal(2, zones);
        Assert.Equal("Enabled", (string?)(await _aws.RunAsync("s3api", "get-bucket-versioning", "--bucket", $"{Stack}-models"))!["Status"]);
        var logGroups = (await _aws.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", $"/{Stack}/"))!["logGroups"]!.AsArray();
        Assert.All(logGroups, g => Assert.Equal(90, (int)g!["retentionInDays"]!));

        // The way out of the private subnets: 0.0.0.0/0 through the NAT gateway, S3 through the gateway endpoint.
        var nat = Assert.Single((await _aws.RunAsync("ec2", "describe-nat-gateways", "--filter", $"Name=vpc-id,Values={(string?)vpc["VpcId"]}"))!["NatGateways"]!.AsArray())!;
        Assert.Equal("available", (string?)nat["State"]);
        var privateTable = Assert.Single((await _aws.RunAsync("ec2", "describe-route-tables", "--filters", $"Name=tag:reconciler:resource,Values=RouteTable/private", $"Name=tag:reconciler:stack,Values={Stack}"))!["RouteTables"]!.AsArray())!;
        var routes = privateTable["Routes"]!.AsArray();
        Assert.Contains(routes, r => (string?)r!["DestinationCidrBlock"] == "0.0.0.0/0" && (string?)r["NatGatewayId"] == (string?)nat["NatGatewayId"]);
        var endpoint = Assert.Single((await _aws.RunAsync("ec2", "describe-vpc-endpoints", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["VpcEndpoints"]!.AsArray())!;
        Assert.Equal("com.amazonaws.us-east-1.s3", (string?)endpoint["ServiceName"]);
        Assert.Contains(routes, r => r!["DestinationPrefixListId"] is not null && (string?)r["GatewayId"] == (string?)endpoint["VpcEndpointId"]);
    }

    [Fact]
    public async Task Apply_Prod_BuildsTheAppTierItsIdentityAndThePrivateDatabase()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        // Identity: the app role is trusted by EC2 alone, and its instance profile carries it.
        var role = (await _aws.RunAsync("iam", "get-role", "--role-name", $"{Stack}-app"))!["Role"]!;
        Assert.Contains("ec2.amazonaws.com", role["AssumeRolePolicyDocument"]!.ToJsonString(), StringComparison.Ordinal);
        var profile = (await _aws.RunAsync("iam", "get-instance-profile", "--instance-profile-name", $"{Stack}-app"))!["InstanceProfile"]!;
        Assert.Equal($"{Stack}-app", (string?)Assert.Single(profile["Roles"]!.AsArray())!["RoleName"]);

        // The controller's task role carries every part of its split policy, each a managed policy of its own with the committed file's statements.
        var parts = Directory.GetFiles(_folder.Path, "controller-policy-*.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(parts.Count > 1, $"prod's controller policy is expected in several parts: {string.Join(", ", parts)}");
        var attached = (await _aws.RunAsync("iam", "list-attached-role-policies", "--role-name", $"{Stack}-controller-task"))!["AttachedPolicies"]!.AsArray();
        Assert.Equal(
            Enumerable.Range(1, parts.Count).Select(i => $"{Stack}-controller-{i}"),
            attached.Select(p => (string)p!["PolicyName"]!).Where(n => n.StartsWith($"{Stack}-controller-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        for (var i = 1; i <= parts.Count; i++)
        {
            var arn = (string)attached.Single(p => (string?)p!["PolicyName"] == $"{Stack}-controller-{i}")!["PolicyArn"]!;
            var version = (string)(await _aws.RunAsync("iam", "get-policy", "--policy-arn", arn))!["Policy"]!["DefaultVersionId"]!;
            var document = (await _aws.RunAsync("iam", "get-policy-version", "--policy-arn", arn, "--version-id", version))!["PolicyVersion"]!["Document"]!;
            var committed = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder.Path, $"controller-policy-{i}.json")))!;
            Assert.Equal(Sids(committed), Sids(document is JsonValue encoded ? JsonNode.Parse(Uri.UnescapeDataString((string)encoded!))! : document));
        }

        // Compute: 2 x t3.medium over both zones behind blue and green, IMDSv2 only, encrypted root volume.
        var group = Assert.Single((await _aws.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", $"{Stack}-app"))!["AutoScalingGroups"]!.AsArray())!;
        Assert.Equal((2, 2, 4, "ELB"), ((int)group["DesiredCapacity"]!, (int)group["MinSize"]!, (int)group["MaxSize"]!, (string?)group["HealthCheckType"]));
        Assert.Equal(2, group["TargetGroupARNs"]!.AsArray().Count);
        Assert.Equal(2, ((string)group["VPCZoneIdentifier"]!).Split(',').Length);
        var template = (await _aws.RunAsync("ec2", "describe-launch-template-versions", "--launch-template-name", $"{Stack}-app", "--versions", "$Default"))!["LaunchTemplateVersions"]![0]!["LaunchTemplateData"]!;
        Assert.Equal(("t3.medium", "required"), ((string?)template["InstanceType"], (string?)template["MetadataOptions"]!["HttpTokens"]));
        Assert.True((bool)template["BlockDeviceMappings"]![0]!["Ebs"]!["Encrypted"]!);

        // Data: PostgreSQL private, encrypted, Multi-AZ, protected, backed up for 14 days.
        var database = Assert.Single((await _aws.RunAsync("rds", "describe-db-instances", "--db-instance-identifier", $"{Stack}-main"))!["DBInstances"]!.AsArray())!;
        Assert.Equal(("postgres", "db.t3.medium", 100), ((string?)database["Engine"], (string?)database["DBInstanceClass"], (int)database["AllocatedStorage"]!));
        Assert.Equal((false, true, true, true), ((bool)database["PubliclyAccessible"]!, (bool)database["StorageEncrypted"]!, (bool)database["MultiAZ"]!, (bool)database["DeletionProtection"]!));
        Assert.Equal(14, (int)database["BackupRetentionPeriod"]!);
    }

    [Fact]
    public async Task Apply_Prod_AuditsTheAccountAndLetsTheLoadBalancerWriteItsLogs()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var trail = (await _aws.RunAsync("cloudtrail", "describe-trails"))!["trailList"]!.AsArray().Single(t => (string?)t!["Name"] == $"{Stack}-audit")!;
        Assert.Equal(
            ($"{Stack}-audit-trail", true, true),
            ((string?)trail["S3BucketName"], (bool)trail["IsMultiRegionTrail"]!, (bool)trail["LogFileValidationEnabled"]!));
        Assert.EndsWith($":log-group:/{Stack}/trail:*", (string?)trail["CloudWatchLogsLogGroupArn"], StringComparison.Ordinal);
        Assert.True((bool)(await _aws.RunAsync("cloudtrail", "get-trail-status", "--name", $"{Stack}-audit"))!["IsLogging"]!);
        var trailPolicy = (string)(await _aws.RunAsync("s3api", "get-bucket-policy", "--bucket", $"{Stack}-audit-trail"))!["Policy"]!;
        Assert.Contains("cloudtrail.amazonaws.com", trailPolicy, StringComparison.Ordinal);
        Assert.Contains("aws:SourceArn", trailPolicy, StringComparison.Ordinal);
        var logPolicy = (string)(await _aws.RunAsync("s3api", "get-bucket-policy", "--bucket", $"{Stack}-alb-logs"))!["Policy"]!;
        Assert.Contains("arn:aws:iam::127311923021:root", logPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_Prod_BuildsAnHttpsEntryPointWithBlueTakingAllTraffic()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var balancer = Assert.Single((await _aws.RunAsync("elbv2", "describe-load-balancers", "--names", $"{Stack}-web"))!["LoadBalancers"]!.AsArray())!;
        Assert.Equal("internet-facing", (string?)balancer["Scheme"]);
        var attributes = await AttributesAsync((string)balancer["LoadBalancerArn"]!);
        Assert.Equal(("true", "true", $"{Stack}-alb-logs", "true"), (attributes["deletion_protection.enabled"], attributes["access_logs.s3.enabled"], attributes["access_logs.s3.bucket"], attributes["routing.http.drop_invalid_header_fields.enabled"]));
        var listeners = (await _aws.RunAsync("elbv2", "describe-listeners", "--load-balancer-arn", (string)balancer["LoadBalancerArn"]!))!["Listeners"]!.AsArray();
        var http = listeners.Single(l => (int)l!["Port"]! == 80)!;
        Assert.Equal(("redirect", "HTTPS", "HTTP_301"), ((string?)http["DefaultActions"]![0]!["Type"], (string?)http["DefaultActions"]![0]!["RedirectConfig"]!["Protocol"], (string?)http["DefaultActions"]![0]!["RedirectConfig"]!["StatusCode"]));
        var https = listeners.Single(l => (int)l!["Port"]! == 443)!;
        Assert.Equal("ELBSecurityPolicy-TLS13-1-2-2021-06", (string?)https["SslPolicy"]);
        Assert.Equal([0, 100], Weights(https).Order());
    }

    [Fact]
    public async Task Apply_Prod_RegistersTheTasksWithTheirOwnIpTargetGroupBehindAHeaderRuleAndLetsBudgetsPublishAlerts()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        // The containers' rule forwards X-Inference-Backend: containers to an ip target group; the default action stays blue/green's.
        var balancer = (string)(await _aws.RunAsync("elbv2", "describe-load-balancers", "--names", $"{Stack}-web"))!["LoadBalancers"]![0]!["LoadBalancerArn"]!;
        var https = (await _aws.RunAsync("elbv2", "describe-listeners", "--load-balancer-arn", balancer))!["Listeners"]!.AsArray().Single(l => (int)l!["Port"]! == 443)!;
        var rule = Assert.Single((await _aws.RunAsync("elbv2", "describe-rules", "--listener-arn", (string)https["ListenerArn"]!))!["Rules"]!.AsArray(), r => !(bool)r!["IsDefault"]!)!;
        var condition = Assert.Single(rule["Conditions"]!.AsArray())!;
        Assert.Equal(("http-header", "X-Inference-Backend", "containers"), ((string?)condition["Field"], (string?)condition["HttpHeaderConfig"]!["HttpHeaderName"], (string?)condition["HttpHeaderConfig"]!["Values"]![0]));
        var tasks = (string)Assert.Single(rule["Actions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray())!["TargetGroupArn"]!;
        var group = (await _aws.RunAsync("elbv2", "describe-target-groups", "--target-group-arns", tasks))!["TargetGroups"]![0]!;
        Assert.Equal("ip", (string?)group["TargetType"]);
        Assert.Equal([0, 100], Weights(https).Order());
        var service = Assert.Single((await _aws.RunAsync("ecs", "describe-services", "--cluster", $"{Stack}-inference", "--services", $"{Stack}-inference"))!["services"]!.AsArray())!;
        Assert.Equal(tasks, (string?)Assert.Single(service["loadBalancers"]!.AsArray())!["targetGroupArn"]);

        // The alerts topic lets Budgets and CloudWatch alarms of this account publish.
        var attributes = (await _aws.RunAsync("sns", "get-topic-attributes", "--topic-arn", $"arn:aws:sns:us-east-1:{emulator.AccountId}:{Stack}-alerts"))!["Attributes"]!;
        var statements = JsonNode.Parse((string)attributes["Policy"]!)!["Statement"]!.AsArray();
        Assert.Equal(["budgets.amazonaws.com", "cloudwatch.amazonaws.com"], statements.Select(s => s!["Principal"]!["Service"]!.ToJsonString().Trim('[', ']', '"')).Order());
        Assert.All(statements, s => Assert.Contains("aws:SourceAccount", s!["Condition"]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_RolloutMovedTheWeightsWithTheAwsCli_ShowsNoChanges()
    {
        var applied = await _cli.RunAsync("apply", _folder.Path);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var balancer = (string)(await _aws.RunAsync("elbv2", "describe-load-balancers", "--names", $"{Stack}-web"))!["LoadBalancers"]![0]!["LoadBalancerArn"]!;
        var https = (await _aws.RunAsync("elbv2", "describe-listeners", "--load-balancer-arn", balancer))!["Listeners"]!.AsArray().Single(l => (int)l!["Port"]! == 443)!;

        var action = https["DefaultActions"]!.DeepClone().AsArray();
        foreach (var group in action[0]!["ForwardConfig"]!["TargetGroups"]!.AsArray())
        {
            group!["Weight"] = (int)group["Weight"]! == 100 ? 20 : 80;
        }

        await _aws.RunAsync("elbv2", "modify-listener", "--listener-arn", (string)https["ListenerArn"]!, "--default-actions", action.ToJsonString());
        var plan = await _cli.RunAsync("plan", _folder.Path);

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("No changes.", plan.Output, StringComparison.Ordinal);
        var moved = (await _aws.RunAsync("elbv2", "describe-listeners", "--listener-arns", (string)https["ListenerArn"]!))!["Listeners"]![0]!;
        Assert.Equal([20, 80], Weights(moved).Order());
    }

    private static IEnumerable<string> Sids(JsonNode policy) =>
        policy["Statement"]!.AsArray().Select(s => (string)s!["Sid"]!).Order(StringComparer.Ordinal);

    private static IEnumerable<int> Weights(JsonNode listener) =>
        listener["DefaultActions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray().Select(g => (int)g!["Weight"]!);

    private async Task<Dictionary<string, string>> AttributesAsync(string arn) =>
        (await _aws.RunAsync("elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", arn))!["Attributes"]!.AsArray()
            .ToDictionary(a => (string)a!["Key"]!, a => (string)a!["Value"]!);
}
