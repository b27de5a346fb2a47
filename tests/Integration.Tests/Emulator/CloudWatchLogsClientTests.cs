using Reconciler.Controller.Aws;
using Reconciler.Controller.Aws.Logs;

namespace Reconciler.Integration.Tests.Emulator;

/// <summary>The own CloudWatch Logs client against the emulator (moto has no KMS association; see the unit tests).</summary>
public sealed class CloudWatchLogsClientTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>
{
    [Fact]
    public async Task CreateLogGroupAsync_WithTags_IsDescribedAndTagged()
    {
        using var factory = emulator.CreateFactory();
        var logs = factory.CreateCloudWatchLogs();
        var name = Unique("/created/");

        await logs.CreateLogGroupAsync(new CreateLogGroupRequest
        {
            LogGroupName = name,
            Tags = new Dictionary<string, string> { ["reconciler:stack"] = "dev", ["team"] = "ml" },
        });

        var group = Assert.Single(await logs.DescribeAllLogGroupsAsync(name));
        Assert.Equal(name, group.LogGroupName);
        Assert.Null(group.RetentionInDays);
        Assert.Equal($"arn:aws:logs:us-east-1:{emulator.AccountId}:log-group:{name}", group.TaggingArn);
        var tags = await logs.ListTagsForResourceAsync(group.TaggingArn!);
        Assert.Equal(new Dictionary<string, string> { ["reconciler:stack"] = "dev", ["team"] = "ml" }, tags);
    }

    [Fact]
    public async Task DescribeAllLogGroupsAsync_MoreGroupsThanAPage_FollowsNextToken()
    {
        using var factory = emulator.CreateFactory();
        var logs = factory.CreateCloudWatchLogs();
        var prefix = Unique("/paged/") + "/";
        var names = Enumerable.Range(0, 55).Select(i => $"{prefix}{i:D2}").ToList();
        foreach (var name in names)
        {
            await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name });
        }

        var mark = factory.RequestLog.Mark();
        var all = await logs.DescribeAllLogGroupsAsync(prefix, limit: 20);
        var defaultPages = factory.RequestLog.Mark();
        var allAtDefaultPageSize = await logs.DescribeAllLogGroupsAsync(prefix);

        Assert.Equal(names, all.Select(g => g.LogGroupName).Order(StringComparer.Ordinal));
        Assert.Equal(names, allAtDefaultPageSize.Select(g => g.LogGroupName).Order(StringComparer.Ordinal));
        // 55 groups: pages of 20, 20 and 15; at the service's 50, two pages.
        Assert.Equal(3, factory.RequestLog.RecordsAfter(mark).Count(r => r.Sequence <= defaultPages));
        Assert.Equal(2, factory.RequestLog.RecordsAfter(defaultPages).Count);
        Assert.Empty(factory.RequestLog.WritesAfter(mark));
    }

    [Fact]
    public async Task RetentionPolicy_PutThenDelete_IsReflectedInDescribe()
    {
        using var factory = emulator.CreateFactory();
        var logs = factory.CreateCloudWatchLogs();
        var name = Unique("/retention/");
        await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name });

        await logs.PutRetentionPolicyAsync(name, 14);
        var kept = Assert.Single(await logs.DescribeAllLogGroupsAsync(name));
        await logs.DeleteRetentionPolicyAsync(name);
        var forever = Assert.Single(await logs.DescribeAllLogGroupsAsync(name));

        Assert.Equal(14, kept.RetentionInDays);
        Assert.Null(forever.RetentionInDays);
    }

    [Fact]
    public async Task TagAndUntagResource_ChangeTheTagsByArn()
    {
        using var factory = emulator.CreateFactory();
        var logs = factory.CreateCloudWatchLogs();
        var name = Unique("/tags/");
        await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name, Tags = new Dictionary<string, string> { ["a"] = "1" } });
        var arn = Assert.Single(await logs.DescribeAllLogGroupsAsync(name)).TaggingArn!;

        await logs.TagResourceAsync(arn, new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" });
        await logs.UntagResourceAsync(arn, ["a", "c"]);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, await logs.ListTagsForResourceAsync(arn));
    }

    [Fact]
    public async Task DeleteLogGroupAsync_Missing_ThrowsTypedResourceNotFound()
    {
        using var factory = emulator.CreateFactory();
        var logs = factory.CreateCloudWatchLogs();

        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => logs.DeleteLogGroupAsync(Unique("/missing/")));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("logs", error.Service);
        Assert.Equal("DeleteLogGroup", error.Operation);
        Assert.Equal(400, (int)error.StatusCode);
        // Not retried: a missing group is not transient.
        Assert.Equal(1, factory.RequestLog.CountFor("logs", "DeleteLogGroup"));
    }

    [Fact]
    public async Task CreateLogGroupAsync_Twice_ThrowsTypedAlreadyExists()
    {
        using var factory = emulator.CreateFactory();
        var logs = factory.CreateCloudWatchLogs();
        var name = Unique("/twice/");
        await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name });

        var error = await Assert.ThrowsAsync<AwsResourceAlreadyExistsException>(
            () => logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name }));

        Assert.Equal("ResourceAlreadyExistsException", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteLogGroupAsync_Existing_RemovesIt()
    {
        using var factory = emulator.CreateFactory();
        var logs = factory.CreateCloudWatchLogs();
        var name = Unique("/deleted/");
        await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name });

        await logs.DeleteLogGroupAsync(name);

        Assert.Empty(await logs.DescribeAllLogGroupsAsync(name));
        Assert.Equal(2, factory.RequestLog.Writes);
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
