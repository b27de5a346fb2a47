using Reconciler.Aws.Clients.ElasticLoadBalancingV2;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class ElasticLoadBalancingV2MotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateTargetGroup_IsSeenByTheCliAndPagedBack()
    {
        var vpc = (await moto.CliAsync("ec2", "create-vpc", "--cidr-block", "10.1.0.0/16")).GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        var elb = moto.Clients.CreateElasticLoadBalancingV2();
        var names = new[] { MotoFixture.Unique("tg"), MotoFixture.Unique("tg") };
        foreach (var name in names)
        {
            await elb.CreateTargetGroupAsync(new CreateTargetGroupInput
            {
                Name = name,
                Protocol = "HTTP",
                Port = 8080,
                VpcId = vpc,
                HealthCheckPath = "/health/ready",
                Matcher = new Matcher { HttpCode = "200" },
                Tags = [new Tag { Key = "reconciler:stack", Value = "dev" }],
            });
        }

        var group = Assert.Single((await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsInput { Names = [names[0]] })).TargetGroups!);
        var cli = (await moto.CliAsync("elbv2", "describe-target-groups", "--names", names[0])).GetProperty("TargetGroups")[0];
        var paged = await elb.DescribeTargetGroupsAllAsync(new DescribeTargetGroupsInput { PageSize = 1 }).Select(g => g.TargetGroupName).ToListAsync();

        Assert.Equal(cli.GetProperty("TargetGroupArn").GetString(), group.TargetGroupArn);
        Assert.Equal("/health/ready", cli.GetProperty("HealthCheckPath").GetString());
        Assert.Equal(8080, group.Port);
        Assert.Equal(vpc, group.VpcId);
        Assert.Equal("200", group.Matcher!.HttpCode);
        Assert.Contains(names[0], paged);
        Assert.Contains(names[1], paged);
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribeTargetGroups_OfAMissingArn_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateElasticLoadBalancingV2().DescribeTargetGroupsAsync(
            new DescribeTargetGroupsInput { TargetGroupArns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/missing/0123456789abcdef"] }));

        Assert.Equal("TargetGroupNotFound", error.ErrorCode);
    }
}
