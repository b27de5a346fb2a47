using Reconciler.Aws.Clients.CloudWatchLogs;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class CloudWatchLogsMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateLogGroup_IsSeenByTheCliAndPagedBackWithItsRetention()
    {
        var logs = moto.Clients.CreateCloudWatchLogs();
        var prefix = MotoFixture.Unique("/reconciler");
        var names = new[] { prefix + "/inference", prefix + "/controller" };
        foreach (var name in names)
        {
            await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name, Tags = new Dictionary<string, string> { ["env"] = "dev" } });
        }

        await logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = names[0], RetentionInDays = 14 });

        var cli = await moto.CliAsync("logs", "describe-log-groups", "--log-group-name-prefix", names[0]);
        var paged = await logs.DescribeLogGroupsAllAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = prefix, Limit = 1 }).ToListAsync();

        Assert.Equal(14, cli.GetProperty("logGroups")[0].GetProperty("retentionInDays").GetInt32());
        Assert.Equal(names.Order(), paged.Select(g => g.LogGroupName).Order());
        Assert.Equal(14, paged.Single(g => g.LogGroupName == names[0]).RetentionInDays);
        Assert.Null(paged.Single(g => g.LogGroupName == names[1]).RetentionInDays);
    }

    [Fact(Timeout = 60_000)]
    public async Task DeleteLogGroup_OfAMissingGroup_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => moto.Clients.CreateCloudWatchLogs().DeleteLogGroupAsync(new DeleteLogGroupRequest { LogGroupName = "/no/such/group" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }
}
