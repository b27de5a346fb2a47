using Reconciler.Aws.Clients.CloudWatch;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class CloudWatchMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task PutMetricAlarm_IsSeenByTheCliAndReadBack()
    {
        var cloudwatch = moto.Clients.CreateCloudWatch();
        var name = MotoFixture.Unique("alarm");

        await cloudwatch.PutMetricAlarmAsync(new PutMetricAlarmInput
        {
            AlarmName = name,
            Namespace = "AWS/ApplicationELB",
            MetricName = "HTTPCode_Target_5XX_Count",
            Statistic = "Sum",
            Dimensions = [new Dimension { Name = "LoadBalancer", Value = "app/main/1" }],
            Period = 60,
            EvaluationPeriods = 3,
            Threshold = 5.5,
            ComparisonOperator = "GreaterThanThreshold",
            TreatMissingData = "notBreaching",
        });

        var alarm = Assert.Single((await cloudwatch.DescribeAlarmsAsync(new DescribeAlarmsInput { AlarmNames = [name] })).MetricAlarms!);
        var cli = (await moto.CliAsync("cloudwatch", "describe-alarms", "--alarm-names", name)).GetProperty("MetricAlarms")[0];

        Assert.Equal(cli.GetProperty("AlarmArn").GetString(), alarm.AlarmArn);
        Assert.Equal(5.5, cli.GetProperty("Threshold").GetDouble());
        Assert.Equal("LoadBalancer", Assert.Single(alarm.Dimensions!).Name);
        Assert.Equal(3, alarm.EvaluationPeriods);
    }

    [Fact(Timeout = 120_000)]
    public async Task PutMetricData_IsSummedByGetMetricStatisticsAndListedInPages()
    {
        var cloudwatch = moto.Clients.CreateCloudWatch();
        var space = MotoFixture.Unique("Reconciler");
        var now = DateTimeOffset.UtcNow;

        await cloudwatch.PutMetricDataAsync(new PutMetricDataInput
        {
            Namespace = space,
            MetricData =
            [
                new MetricDatum { MetricName = "Requests", Value = 3, Timestamp = now, Unit = "Count" },
                new MetricDatum { MetricName = "Requests", Value = 4, Timestamp = now, Unit = "Count" },
            ],
        });

        var statistics = await cloudwatch.GetMetricStatisticsAsync(new GetMetricStatisticsInput
        {
            Namespace = space,
            MetricName = "Requests",
            StartTime = now.AddMinutes(-5),
            EndTime = now.AddMinutes(5),
            Period = 600,
            Statistics = ["Sum"],
        });
        var cli = await moto.CliAsync("cloudwatch", "list-metrics", "--namespace", space);
        var pages = await cloudwatch.ListMetricsPagesAsync(new ListMetricsInput { Namespace = space }).ToListAsync();

        Assert.Equal(7, statistics.Datapoints!.Sum(d => d.Sum));
        Assert.Equal("Requests", cli.GetProperty("Metrics")[0].GetProperty("MetricName").GetString());
        // moto lists a metric once per datum put; AWS once per metric. Either way it is the one metric.
        Assert.Equal(["Requests"], pages.SelectMany(p => p.Metrics!).Select(m => m.MetricName).Distinct());
    }
}
