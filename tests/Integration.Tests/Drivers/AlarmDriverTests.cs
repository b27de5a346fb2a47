using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class AlarmDriverTests(AwsEmulatorFixture emulator)
{
    private const string Alarm = """
        kind: Topic
        metadata:
          name: alerts
        spec: {}
        ---
        kind: Alarm
        metadata:
          name: blue-healthy-hosts
          tags:
            team: platform
        spec:
          description: Too few healthy hosts in blue.
          namespace: AWS/ApplicationELB
          metricName: HealthyHostCount
          dimensions:
            - name: TargetGroup
              targetGroup: blue
            - name: LoadBalancer
              value: app/outside/0123456789abcdef
          statistic: Minimum
          period: 60
          evaluationPeriods: 3
          datapointsToAlarm: 2
          threshold: "1.5"
          comparisonOperator: LessThanThreshold
          treatMissingData: breaching
          alarmActions: [alerts]
          okActions: [alerts]
        """;

    private static readonly string Documents = TrafficDocuments.Join(TrafficDocuments.Network, TrafficDocuments.TargetGroups, Alarm);

    private static readonly (string Kind, string Name)[] Dependencies = [("Vpc", "main"), ("TargetGroup", "blue"), ("Topic", "alerts")];

    private readonly AwsCli _aws = new(emulator.Endpoint);

    [Fact]
    public async Task Alarm_Created_TheCliSeesResolvedDimensionsAndTopicActionsAndObserveMatches()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);

        var created = await harness.CreateAsync("Alarm", "blue-healthy-hosts");
        var observed = await harness.ObserveAsync("Alarm", "blue-healthy-hosts");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var alarm = await DescribeAsync(harness);
        var targetGroupArn = harness.Context.Identities.IdOf("TargetGroup", "blue");
        var dimensions = alarm["Dimensions"]!.AsArray().Select(d => ((string)d!["Name"]!, (string)d["Value"]!)).OrderBy(d => d.Item1, StringComparer.Ordinal);
        Assert.Equal([("LoadBalancer", "app/outside/0123456789abcdef"), ("TargetGroup", targetGroupArn[targetGroupArn.IndexOf("targetgroup/", StringComparison.Ordinal)..])], dimensions);
        Assert.Equal([$"arn:aws:sns:us-east-1:{emulator.AccountId}:{harness.StackName}-alerts"], alarm["AlarmActions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(1.5, (double)alarm["Threshold"]!);
        Assert.Equal("blue", ((AlarmSpec)observed.Live!).Dimensions.Single(d => d.Name == "TargetGroup").TargetGroup);
    }

    [Fact]
    public async Task Alarm_ThresholdChangedOutOfBand_ObserveShowsItAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        await harness.CreateAsync("Alarm", "blue-healthy-hosts");
        var alarm = await DescribeAsync(harness);

        await _aws.RunAsync(
            "cloudwatch", "put-metric-alarm", "--alarm-name", (string)alarm["AlarmName"]!, "--namespace", "AWS/ApplicationELB", "--metric-name", "HealthyHostCount",
            "--statistic", "Minimum", "--period", "60", "--evaluation-periods", "3", "--datapoints-to-alarm", "2", "--threshold", "4", "--comparison-operator", "LessThanThreshold",
            "--treat-missing-data", "breaching", "--alarm-description", "Too few healthy hosts in blue.",
            "--dimensions", $"Name=TargetGroup,Value={alarm["Dimensions"]!.AsArray().Single(d => (string)d!["Name"]! == "TargetGroup")!["Value"]}", "Name=LoadBalancer,Value=app/outside/0123456789abcdef",
            "--alarm-actions", (string)alarm["AlarmActions"]![0]!, "--ok-actions", (string)alarm["OKActions"]![0]!);
        var observed = await harness.ObserveAsync("Alarm", "blue-healthy-hosts");
        var (updated, fields) = await harness.UpdateAsync("Alarm", "blue-healthy-hosts");

        Assert.Equal("4", ((AlarmSpec)observed.Live!).Threshold);
        Assert.Equal(["threshold"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        Assert.Equal(1.5, (double)(await DescribeAsync(harness))["Threshold"]!);
    }

    [Fact]
    public async Task Alarm_StatisticAndActionsChangedInDocument_UpdateRewritesTheAlarm()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        await harness.CreateAsync("Alarm", "blue-healthy-hosts");

        harness.Load(Documents
            .Replace("  statistic: Minimum\n", "  extendedStatistic: p10\n", StringComparison.Ordinal)
            .Replace("  okActions: [alerts]", "", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Alarm", "blue-healthy-hosts");

        // statistic is unmanaged once the document leaves it out; PutMetricAlarm drops it with the rewrite.
        Assert.Equal(["extendedStatistic", "okActions"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        harness.AssertInSync(updated);
        var alarm = await DescribeAsync(harness);
        Assert.Equal("p10", (string)alarm["ExtendedStatistic"]!);
        Assert.Empty(alarm["OKActions"]!.AsArray());
        Assert.Null(alarm["Statistic"]);
    }

    [Fact]
    public async Task Plan_NameChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("Alarm", "blue-healthy-hosts");

        harness.Load(Documents.Replace("  description: Too", "  alarmName: renamed-alarm\n  description: Too", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("Alarm", "blue-healthy-hosts", recorded: created.Identity)).Changes.Single(c => c.Key.Kind == "Alarm");

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("alarmName", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task Alarm_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(Dependencies);
        var created = await harness.CreateAsync("Alarm", "blue-healthy-hosts");

        await harness.DeleteAsync("Alarm", "blue-healthy-hosts", created.Identity);
        var observed = await harness.ObserveAsync("Alarm", "blue-healthy-hosts", recorded: created.Identity);
        await harness.DeleteAsync("Alarm", "blue-healthy-hosts", created.Identity);

        Assert.False(observed.Exists);
        Assert.Empty((await _aws.RunAsync("cloudwatch", "describe-alarms", "--alarm-name-prefix", harness.StackName))!["MetricAlarms"]!.AsArray());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> DescribeAsync(DriverHarness harness) =>
        (await _aws.RunAsync("cloudwatch", "describe-alarms", "--alarm-names", $"{harness.StackName}-blue-healthy-hosts"))!["MetricAlarms"]![0]!;
}
