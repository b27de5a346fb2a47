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

    [Fact(Timeout = 120_000)]
    public async Task CreateListener_WithAWeightedForward_IsSeenByTheCliAndReadBack()
    {
        var vpc = (await moto.CliAsync("ec2", "create-vpc", "--cidr-block", "10.2.0.0/16")).GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        var subnets = new List<string>();
        foreach (var (cidr, zone) in new[] { ("10.2.1.0/24", "us-east-1a"), ("10.2.2.0/24", "us-east-1b") })
        {
            var subnet = await moto.CliAsync("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", cidr, "--availability-zone", zone);
            subnets.Add(subnet.GetProperty("Subnet").GetProperty("SubnetId").GetString()!);
        }

        var elb = moto.Clients.CreateElasticLoadBalancingV2();
        var balancer = Assert.Single((await elb.CreateLoadBalancerAsync(new CreateLoadBalancerInput { Name = MotoFixture.Unique("alb"), Subnets = subnets })).LoadBalancers!);
        var groups = new List<string>();
        foreach (var color in new[] { "blue", "green" })
        {
            var created = await elb.CreateTargetGroupAsync(new CreateTargetGroupInput { Name = MotoFixture.Unique(color), Protocol = "HTTP", Port = 8080, VpcId = vpc });
            groups.Add(Assert.Single(created.TargetGroups!).TargetGroupArn!);
        }

        var listener = Assert.Single((await elb.CreateListenerAsync(new CreateListenerInput
        {
            LoadBalancerArn = balancer.LoadBalancerArn!,
            Protocol = "HTTP",
            Port = 80,
            DefaultActions =
            [
                new Clients.ElasticLoadBalancingV2.Action
                {
                    Type = "forward",
                    ForwardConfig = new ForwardActionConfig
                    {
                        TargetGroups = [new TargetGroupTuple { TargetGroupArn = groups[0], Weight = 80 }, new TargetGroupTuple { TargetGroupArn = groups[1], Weight = 20 }],
                    },
                },
            ],
        })).Listeners!);

        var read = Assert.Single((await elb.DescribeListenersAsync(new DescribeListenersInput { LoadBalancerArn = balancer.LoadBalancerArn })).Listeners!);
        var cli = (await moto.CliAsync("elbv2", "describe-listeners", "--listener-arns", listener.ListenerArn!)).GetProperty("Listeners")[0];
        var cliWeights = cli.GetProperty("DefaultActions")[0].GetProperty("ForwardConfig").GetProperty("TargetGroups").EnumerateArray()
            .Select(t => (t.GetProperty("TargetGroupArn").GetString(), t.GetProperty("Weight").GetInt32()));
        var readWeights = Assert.Single(read.DefaultActions!).ForwardConfig!.TargetGroups!.Select(t => (t.TargetGroupArn, t.Weight ?? 0));

        Assert.Equal([(groups[0], 80), (groups[1], 20)], cliWeights);
        Assert.Equal([(groups[0], 80), (groups[1], 20)], readWeights);
        Assert.Equal(80, read.Port);
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribeTargetGroups_OfAMissingArn_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateElasticLoadBalancingV2().DescribeTargetGroupsAsync(
            new DescribeTargetGroupsInput { TargetGroupArns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/missing/0123456789abcdef"] }));

        Assert.Equal("TargetGroupNotFound", error.ErrorCode);
    }
}
