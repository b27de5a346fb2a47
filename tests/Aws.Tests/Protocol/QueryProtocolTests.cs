using System.Net;
using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Aws.Clients.Rds;
using Reconciler.Aws.Clients.Sns;

namespace Reconciler.Aws.Tests.Protocol;

public sealed class QueryProtocolTests
{
    [Fact]
    public async Task Query_FlattensListsOfStructuresAsNumberedMembers()
    {
        using var aws = FakeAws.Xml("<AddTagsResponse><AddTagsResult/></AddTagsResponse>");

        await aws.Clients.CreateElasticLoadBalancingV2().AddTagsAsync(new AddTagsInput
        {
            ResourceArns = ["arn:a", "arn:b"],
            Tags = [new Clients.ElasticLoadBalancingV2.Tag { Key = "team", Value = "ml/ops" }, new Clients.ElasticLoadBalancingV2.Tag { Key = "env" }],
        });

        Assert.Equal(
            "Action=AddTags&Version=2015-12-01&ResourceArns.member.1=arn%3Aa&ResourceArns.member.2=arn%3Ab"
            + "&Tags.member.1.Key=team&Tags.member.1.Value=ml%2Fops&Tags.member.2.Key=env",
            aws.Request.Body);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", aws.Request.Header("Content-Type"));
    }

    [Fact]
    public async Task Query_WritesMapsAsEntriesAndUsesTheModelsListElementNames()
    {
        using var aws = FakeAws.Xml("<CreateTopicResponse><CreateTopicResult><TopicArn>arn:t</TopicArn></CreateTopicResult></CreateTopicResponse>");

        var topic = await aws.Clients.CreateSns().CreateTopicAsync(new CreateTopicInput
        {
            Name = "alarms",
            Attributes = new Dictionary<string, string> { ["DisplayName"] = "Alarms" },
        });

        Assert.Equal("arn:t", topic.TopicArn);
        Assert.Equal("Action=CreateTopic&Version=2010-03-31&Name=alarms&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Alarms", aws.Request.Body);
    }

    [Fact]
    public async Task Query_NamesListElementsAsTheModelSaysAndSendsAnEmptyListAsAnEmptyValue()
    {
        using var aws = FakeAws.Xml("<ModifyDBSubnetGroupResponse><ModifyDBSubnetGroupResult/></ModifyDBSubnetGroupResponse>");
        var rds = aws.Clients.CreateRds();

        await rds.ModifyDBSubnetGroupAsync(new ModifyDBSubnetGroupMessage { DBSubnetGroupName = "main", SubnetIds = ["subnet-1", "subnet-2"] });
        await rds.ModifyDBSubnetGroupAsync(new ModifyDBSubnetGroupMessage { DBSubnetGroupName = "main", SubnetIds = [] });

        Assert.Equal(
            "Action=ModifyDBSubnetGroup&Version=2014-10-31&DBSubnetGroupName=main&SubnetIds.SubnetIdentifier.1=subnet-1&SubnetIds.SubnetIdentifier.2=subnet-2",
            aws.Handler.Requests[0].Body);
        Assert.Equal("Action=ModifyDBSubnetGroup&Version=2014-10-31&DBSubnetGroupName=main&SubnetIds=", aws.Handler.Requests[1].Body);
    }

    [Fact]
    public async Task Query_ReadsNestedStructuresListsAndIso8601Timestamps()
    {
        using var aws = FakeAws.Xml(
            """
            <DescribeTargetGroupsResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
              <DescribeTargetGroupsResult>
                <TargetGroups>
                  <member>
                    <TargetGroupName>blue</TargetGroupName>
                    <Port>8080</Port>
                    <HealthCheckEnabled>true</HealthCheckEnabled>
                    <Matcher><HttpCode>200-299</HttpCode></Matcher>
                    <LoadBalancerArns><member>arn:lb1</member><member>arn:lb2</member></LoadBalancerArns>
                  </member>
                  <member><TargetGroupName>green</TargetGroupName></member>
                </TargetGroups>
                <NextMarker>m2</NextMarker>
              </DescribeTargetGroupsResult>
            </DescribeTargetGroupsResponse>
            """);

        var answer = await aws.Clients.CreateElasticLoadBalancingV2().DescribeTargetGroupsAsync(new DescribeTargetGroupsInput { Names = ["blue", "green"] });

        Assert.Equal(["blue", "green"], answer.TargetGroups!.Select(g => g.TargetGroupName));
        var blue = answer.TargetGroups![0];
        Assert.Equal(8080, blue.Port);
        Assert.True(blue.HealthCheckEnabled);
        Assert.Equal("200-299", blue.Matcher!.HttpCode);
        Assert.Equal(["arn:lb1", "arn:lb2"], blue.LoadBalancerArns!);
        Assert.Null(answer.TargetGroups![1].LoadBalancerArns);
        Assert.Equal("m2", answer.NextMarker);
    }

    [Fact]
    public async Task Query_ReadsMapsEntriesAndTimestamps()
    {
        using var aws = new FakeAws(r => RecordingHandler.Answer(HttpStatusCode.OK, r.Body.Contains("GetRole", StringComparison.Ordinal)
            ? "<GetRoleResponse><GetRoleResult><Role><RoleName>app</RoleName><CreateDate>2026-11-26T12:30:05Z</CreateDate><MaxSessionDuration>3600</MaxSessionDuration></Role></GetRoleResult></GetRoleResponse>"
            : "<GetTopicAttributesResponse><GetTopicAttributesResult><Attributes><entry><key>Owner</key><value>1234</value></entry><entry><key>Policy</key><value>{}</value></entry></Attributes></GetTopicAttributesResult></GetTopicAttributesResponse>",
            "text/xml"));

        var role = (await aws.Clients.CreateIam().GetRoleAsync(new Clients.Iam.GetRoleRequest { RoleName = "app" })).Role!;
        var attributes = (await aws.Clients.CreateSns().GetTopicAttributesAsync(new GetTopicAttributesInput { TopicArn = "arn:t" })).Attributes!;

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 12, 30, 5, TimeSpan.Zero), role.CreateDate);
        Assert.Equal(3600, role.MaxSessionDuration);
        Assert.Equal("1234", attributes["Owner"]);
        Assert.Equal("{}", attributes["Policy"]);
    }

    [Fact]
    public async Task Query_ReadsListsWhoseElementsTheModelNames()
    {
        using var aws = FakeAws.Xml(
            """
            <DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances>
              <DBInstance><DBInstanceIdentifier>db1</DBInstanceIdentifier>
                <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-1</VpcSecurityGroupId></VpcSecurityGroupMembership></VpcSecurityGroups>
                <InstanceCreateTime>2026-01-02T03:04:05.678Z</InstanceCreateTime>
              </DBInstance>
            </DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>
            """);

        var answer = await aws.Clients.CreateRds().DescribeDBInstancesAsync(new DescribeDBInstancesMessage());

        var db = Assert.Single(answer.DBInstances!);
        Assert.Equal("db1", db.DBInstanceIdentifier);
        Assert.Equal("sg-1", Assert.Single(db.VpcSecurityGroups!).VpcSecurityGroupId);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), db.InstanceCreateTime);
    }

    [Fact]
    public async Task Query_WritesTimestampsAsIso8601()
    {
        using var aws = FakeAws.Xml("<GetMetricStatisticsResponse><GetMetricStatisticsResult/></GetMetricStatisticsResponse>");

        await aws.Clients.CreateCloudWatch().GetMetricStatisticsAsync(new Clients.CloudWatch.GetMetricStatisticsInput
        {
            Namespace = "AWS/ApplicationELB",
            MetricName = "RequestCount",
            StartTime = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero),
            EndTime = new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.FromHours(1)),
            Period = 60,
            Statistics = ["Sum"],
        });

        Assert.Equal(
            "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FApplicationELB&MetricName=RequestCount"
            + "&StartTime=2026-11-26T12%3A00%3A00Z&EndTime=2026-11-26T12%3A00%3A00Z&Period=60&Statistics.member.1=Sum",
            aws.Request.Body);
    }
}
