using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class TrailDriverTests(AwsEmulatorFixture emulator)
{
    private static readonly (string Kind, string Name)[] Everything = [("Bucket", "audit-trail"), ("LogGroup", "trail"), ("Role", "trail-logs"), ("Trail", "audit")];

    // Names fixed per test (not {stack}-...), so the bucket policy can name them before the stack name is known.
    // Kept short: 40 letters and digits between slashes would look like an AWS secret access key to the loader.
    private readonly string _bucket = $"trail-{Guid.NewGuid():N}"[..16];
    private readonly string _trail = $"audit-{Guid.NewGuid():N}"[..16];
    private readonly AwsCli _aws = new(emulator.Endpoint);

    private string Documents => $$"""
        kind: Bucket
        metadata:
          name: audit-trail
          deletionPolicy: delete
        spec:
          bucketName: {{_bucket}}
          policy:
            statements:
              - sid: AclCheck
                principals:
                  service: [cloudtrail.amazonaws.com]
                actions: [s3:GetBucketAcl]
                resources: ["arn:aws:s3:::{{_bucket}}"]
              - sid: Write
                principals:
                  service: [cloudtrail.amazonaws.com]
                actions: [s3:PutObject]
                resources: ["arn:aws:s3:::{{_bucket}}/AWSLogs/{{emulator.AccountId}}/*"]
                conditions:
                  - test: StringEquals
                    variable: aws:SourceArn
                    values: ["arn:aws:cloudtrail:us-east-1:{{emulator.AccountId}}:trail/{{_trail}}"]
        ---
        kind: LogGroup
        metadata:
          name: trail
        spec:
          retentionDays: 14
        ---
        kind: Role
        metadata:
          name: trail-logs
        spec:
          assumeRolePolicy:
            statements:
              - principals:
                  service: [cloudtrail.amazonaws.com]
                actions: [sts:AssumeRole]
        ---
        kind: Trail
        metadata:
          name: audit
          tags:
            purpose: audit
        spec:
          trailName: {{_trail}}
          bucket: audit-trail
          logGroup: trail
          logsRole: trail-logs
        """;

    [Fact]
    public async Task Trail_Created_IsLoggingMultiRegionValidatedAndInSync()
    {
        using var harness = new DriverHarness(emulator, Documents);

        await harness.CreateAllAsync(Everything);
        var observed = await harness.ObserveAsync("Trail", "audit");

        harness.AssertInSync(observed);
        var status = await _aws.RunAsync("cloudtrail", "get-trail-status", "--name", _trail);
        Assert.True((bool)status!["IsLogging"]!);
        var trail = await DescribeAsync();
        Assert.Equal(
            (_bucket, true, true, true),
            ((string?)trail["S3BucketName"], (bool)trail["IsMultiRegionTrail"]!, (bool)trail["LogFileValidationEnabled"]!, (bool)trail["IncludeGlobalServiceEvents"]!));
        Assert.EndsWith($":log-group:/{harness.StackName}/trail:*", (string?)trail["CloudWatchLogsLogGroupArn"], StringComparison.Ordinal);
        Assert.EndsWith($":role/{harness.StackName}-trail-logs", (string?)trail["CloudWatchLogsRoleArn"], StringComparison.Ordinal);
        Assert.Equal(observed.Outputs["trailArn"], (string?)trail["TrailARN"]);
    }

    [Fact]
    public async Task Bucket_PolicyInDocument_IsTheBucketsPolicy()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var created = await harness.CreateAsync("Bucket", "audit-trail");

        harness.AssertInSync(created);
        var policy = JsonNode.Parse((string)(await _aws.RunAsync("s3api", "get-bucket-policy", "--bucket", _bucket))!["Policy"]!)!;
        var statements = policy["Statement"]!.AsArray();
        Assert.Equal(["AclCheck", "Write"], statements.Select(s => (string?)s!["Sid"]).Order());
        Assert.All(statements, s => Assert.Contains("cloudtrail.amazonaws.com", s!["Principal"]!["Service"]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bucket_PolicyChangedOutOfBand_IsDriftAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAsync("Bucket", "audit-trail");
        var foreign = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{_bucket}}/*"}]}""";

        await _aws.RunAsync("s3api", "put-bucket-policy", "--bucket", _bucket, "--policy", foreign);
        var drift = harness.Changes(await harness.ObserveAsync("Bucket", "audit-trail"));
        var (updated, fields) = await harness.UpdateAsync("Bucket", "audit-trail");

        Assert.Equal(["policy.statements"], drift.Select(f => f.Path));
        Assert.Equal(["policy.statements"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Contains("cloudtrail.amazonaws.com", (string?)(await _aws.RunAsync("s3api", "get-bucket-policy", "--bucket", _bucket))!["Policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trail_StoppedOutOfBand_IsDriftAndUpdateStartsItAgain()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Everything);

        await _aws.RunAsync("cloudtrail", "stop-logging", "--name", _trail);
        var observed = await harness.ObserveAsync("Trail", "audit");
        var (updated, fields) = await harness.UpdateAsync("Trail", "audit");

        Assert.False(((TrailSpec)observed.Live!).Logging);
        Assert.Equal(["logging"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.True((bool)(await _aws.RunAsync("cloudtrail", "get-trail-status", "--name", _trail))!["IsLogging"]!);
    }

    [Fact]
    public async Task Trail_ValidationTurnedOffOutOfBand_IsDriftAndUpdateTurnsItOn()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Everything);

        await _aws.RunAsync("cloudtrail", "update-trail", "--name", _trail, "--no-enable-log-file-validation");
        var drift = harness.Changes(await harness.ObserveAsync("Trail", "audit"));
        var (updated, _) = await harness.UpdateAsync("Trail", "audit");

        Assert.Equal(["logFileValidation"], drift.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.True((bool)(await DescribeAsync())["LogFileValidationEnabled"]!);
    }

    [Fact]
    public async Task Trail_SettingsChangedInDocument_UpdateAppliesThemInPlace()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Everything);

        // One region only is a warning without policies.requireAuditTrail, so the document loads.
        harness.Load(Documents.Replace("  logsRole: trail-logs", "  logsRole: trail-logs\n  multiRegion: false\n  includeGlobalServiceEvents: false\n  logging: false", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Trail", "audit");

        Assert.Equal(["includeGlobalServiceEvents", "logging", "multiRegion"], fields.Select(f => f.Path).Order());
        harness.AssertInSync(updated);
        var trail = await DescribeAsync();
        Assert.Equal((false, false), ((bool)trail["IsMultiRegionTrail"]!, (bool)trail["IncludeGlobalServiceEvents"]!));
        Assert.False((bool)(await _aws.RunAsync("cloudtrail", "get-trail-status", "--name", _trail))!["IsLogging"]!);
    }

    [Fact]
    public async Task Trail_NameChanged_PlansAReplaceNamingTrailName()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Everything);
        var created = await harness.ObserveAsync("Trail", "audit");

        harness.Load(Documents.Replace($"trailName: {_trail}", $"trailName: {_trail}-2", StringComparison.Ordinal));
        var plan = harness.Plan(await harness.ObserveAsync("Trail", "audit", recorded: created.Identity));

        var change = Assert.Single(plan.Changes, c => c.Key.Kind == "Trail");
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Contains(change.Fields, f => f is { Path: "trailName", ForcesReplacement: true });
    }

    [Fact]
    public async Task Trail_Deleted_IsGoneAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Everything);
        var created = await harness.ObserveAsync("Trail", "audit");

        await harness.DeleteAsync("Trail", "audit", created.Identity);
        var observed = await harness.ObserveAsync("Trail", "audit", recorded: created.Identity);
        await harness.DeleteAsync("Trail", "audit", created.Identity);

        Assert.False(observed.Exists);
        var trails = (await _aws.RunAsync("cloudtrail", "describe-trails"))!["trailList"]!.AsArray();
        Assert.DoesNotContain(trails, t => (string?)t!["Name"] == _trail);
    }

    // moto answers describe-trails with every trail, whatever --trail-name-list says: picked by name here.
    private async Task<JsonNode> DescribeAsync() =>
        (await _aws.RunAsync("cloudtrail", "describe-trails", "--trail-name-list", _trail))!["trailList"]!.AsArray().Single(t => (string?)t!["Name"] == _trail)!;
}
