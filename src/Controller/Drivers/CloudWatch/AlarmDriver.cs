using Reconciler.Aws;
using Reconciler.Aws.Clients.CloudWatch;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using CloudWatchOperations = Reconciler.Aws.Clients.CloudWatch.CloudWatchOperations;

namespace Reconciler.Controller.Drivers.CloudWatch;

/// <summary>
/// Converges CloudWatch metric alarms, addressed by name. Reads: one paginated DescribeAlarms
/// by the stack's name prefix returns every setting; tags from the stack's tag index, else one
/// ListTagsForResource per alarm (DescribeAlarms carries none).
/// <para>
/// PutMetricAlarm writes the whole alarm, so a create and every in-place change are the same call
/// with the full desired alarm. Dimensions and actions are reported as document names where they
/// are the stack's resources (<see cref="MetricDimensions"/>; topics by their ARN's name).
/// </para>
/// </summary>
internal sealed class AlarmDriver : NameAddressedDriver<AlarmSpec, MetricAlarm>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        CloudWatchOperations.DeleteAlarms,
        CloudWatchOperations.DescribeAlarms,
        CloudWatchOperations.ListTagsForResource,
        CloudWatchOperations.PutMetricAlarm,
        CloudWatchOperations.TagResource,
        CloudWatchOperations.UntagResource,
    ];

    // DescribeAlarms' largest page.
    private const int MaxPageSize = 100;

    protected override AwsService Service => AwsService.CloudWatch;

    protected override ITagApi Tags => CloudWatchTags.Instance;

    protected override string NameOf(AlarmSpec spec) => spec.AlarmName!;

    protected override async Task<IReadOnlyDictionary<string, MetricAlarm>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var request = new DescribeAlarmsInput { AlarmNamePrefix = namePrefix.Length == 0 ? null : namePrefix, AlarmTypes = ["MetricAlarm"], MaxRecords = MaxPageSize };
        var alarms = await Pages.ReadAllAsync<MetricAlarm>(async token =>
        {
            var page = await context.Aws.CloudWatch.DescribeAlarmsAsync(request with { NextToken = token }, cancellationToken);
            return (page.MetricAlarms, page.NextToken);
        });
        return alarms
            .Where(a => a.AlarmName is not null)
            .GroupBy(a => a.AlarmName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, MetricAlarm listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.AlarmName!;
        var arn = listed.AlarmArn ?? throw new InvalidOperationException($"{key}: DescribeAlarms returned no ARN for {name}.");
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        var live = new AlarmSpec
        {
            AlarmName = name,
            Description = string.IsNullOrEmpty(listed.AlarmDescription) ? null : listed.AlarmDescription,
            Namespace = listed.Namespace ?? "",
            MetricName = listed.MetricName ?? "",
            Dimensions = [.. (listed.Dimensions ?? []).Select(d => MetricDimensions.LiveOf(d.Name, d.Value, context.Identities))],
            Statistic = listed.Statistic,
            ExtendedStatistic = listed.ExtendedStatistic,
            Period = listed.Period ?? 0,
            EvaluationPeriods = listed.EvaluationPeriods ?? 0,
            DatapointsToAlarm = listed.DatapointsToAlarm,
            Threshold = listed.Threshold is { } threshold ? AlarmThreshold.Format(threshold) : "",
            ComparisonOperator = listed.ComparisonOperator ?? "",
            TreatMissingData = listed.TreatMissingData ?? "missing",
            AlarmActions = [.. (listed.AlarmActions ?? []).Select(arn => TopicArns.DocumentOf(arn, context))],
            OkActions = [.. (listed.OKActions ?? []).Select(arn => TopicArns.DocumentOf(arn, context))],
        };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, new Dictionary<string, string> { ["alarmName"] = name, ["alarmArn"] = arn });
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, AlarmSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        await context.Aws.CloudWatch.PutMetricAlarmAsync(PutOf(spec, context) with { Tags = CloudWatchTags.AtCreate(tags) }, cancellationToken);
        return NameOf(spec);
    }

    /// <summary>The whole alarm again: PutMetricAlarm replaces every setting (tags stay as they are when none are sent).</summary>
    protected override Task ApplyAsync(SpecChange<AlarmSpec> change, DriverContext context, CancellationToken cancellationToken) =>
        context.Aws.CloudWatch.PutMetricAlarmAsync(PutOf(change.Desired, context), cancellationToken);

    /// <summary>DeleteAlarms of a missing alarm is refused with ResourceNotFound: already gone.</summary>
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.CloudWatch.DeleteAlarmsAsync(new DeleteAlarmsInput { AlarmNames = [identity["id"]] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private static PutMetricAlarmInput PutOf(AlarmSpec spec, DriverContext context) => new()
    {
        AlarmName = spec.AlarmName!,
        AlarmDescription = spec.Description,
        Namespace = spec.Namespace,
        MetricName = spec.MetricName,
        Dimensions = [.. spec.Dimensions.Select(d => new Dimension { Name = d.Name, Value = MetricDimensions.ValueOf(d, context.Identities) })],
        Statistic = spec.Statistic,
        ExtendedStatistic = spec.ExtendedStatistic,
        Period = spec.Period,
        EvaluationPeriods = spec.EvaluationPeriods,
        DatapointsToAlarm = spec.DatapointsToAlarm,
        Threshold = AlarmThreshold.Parse(spec.Threshold),
        ComparisonOperator = spec.ComparisonOperator,
        TreatMissingData = spec.TreatMissingData,
        ActionsEnabled = true,
        AlarmActions = [.. spec.AlarmActions.Select(t => TopicArns.Of(t, context))],
        OKActions = [.. spec.OkActions.Select(t => TopicArns.Of(t, context))],
    };
}
