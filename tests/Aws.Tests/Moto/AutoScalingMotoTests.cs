using Reconciler.Aws.Clients.AutoScaling;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class AutoScalingMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateAutoScalingGroup_IsSeenByTheCliAndPagedBackWithTags()
    {
        var template = MotoFixture.Unique("lt");
        await moto.CliAsync("ec2", "create-launch-template", "--launch-template-name", template, "--launch-template-data", """{"ImageId":"ami-12c6146b","InstanceType":"t3.micro"}""");
        var autoscaling = moto.Clients.CreateAutoScaling();
        var name = MotoFixture.Unique("asg");

        await autoscaling.CreateAutoScalingGroupAsync(new CreateAutoScalingGroupType
        {
            AutoScalingGroupName = name,
            LaunchTemplate = new LaunchTemplateSpecification { LaunchTemplateName = template, Version = "$Latest" },
            MinSize = 0,
            MaxSize = 2,
            DesiredCapacity = 0,
            AvailabilityZones = ["us-east-1a"],
            HealthCheckType = "ELB",
            HealthCheckGracePeriod = 120,
            Tags = [new Tag { Key = "reconciler:stack", Value = "dev", PropagateAtLaunch = true, ResourceId = name, ResourceType = "auto-scaling-group" }],
        });

        var group = Assert.Single((await autoscaling.DescribeAutoScalingGroupsAsync(new AutoScalingGroupNamesType { AutoScalingGroupNames = [name] })).AutoScalingGroups!);
        var cli = (await moto.CliAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", name)).GetProperty("AutoScalingGroups")[0];
        var paged = await autoscaling.DescribeAutoScalingGroupsAllAsync(new AutoScalingGroupNamesType { MaxRecords = 1 }).Select(g => g.AutoScalingGroupName).ToListAsync();

        Assert.Equal(cli.GetProperty("AutoScalingGroupARN").GetString(), group.AutoScalingGroupARN);
        Assert.Equal("ELB", cli.GetProperty("HealthCheckType").GetString());
        Assert.Equal(2, group.MaxSize);
        Assert.Equal(["us-east-1a"], group.AvailabilityZones!);
        Assert.Equal("dev", Assert.Single(group.Tags!).Value);
        Assert.Contains(name, paged);
    }
}
