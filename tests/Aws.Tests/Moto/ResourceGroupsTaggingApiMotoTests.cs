using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class ResourceGroupsTaggingApiMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task TagResources_IsSeenByTheCliAndFoundByTagFilterInPages()
    {
        var stack = MotoFixture.Unique("stack");
        var groups = new[] { MotoFixture.Unique("/tagged/a"), MotoFixture.Unique("/tagged/b") };
        var arns = new List<string>();
        foreach (var group in groups)
        {
            await moto.CliAsync("logs", "create-log-group", "--log-group-name", group);
            arns.Add($"arn:aws:logs:us-east-1:{MotoFixture.AccountId}:log-group:{group}");
        }

        var tagging = moto.Clients.CreateResourceGroupsTaggingApi();
        var tagged = await tagging.TagResourcesAsync(new TagResourcesInput
        {
            ResourceARNList = arns,
            Tags = new Dictionary<string, string> { ["reconciler:stack"] = stack },
        });

        var filter = new TagFilter { Key = "reconciler:stack", Values = [stack] };
        var found = await tagging.GetResourcesAllAsync(new GetResourcesInput { TagFilters = [filter], ResourcesPerPage = 1 }).ToListAsync();
        var cli = await moto.CliAsync("resourcegroupstaggingapi", "get-resources", "--tag-filters", $"Key=reconciler:stack,Values={stack}");

        Assert.Empty(tagged.FailedResourcesMap ?? new Dictionary<string, FailureInfo>());
        Assert.Equal(2, cli.GetProperty("ResourceTagMappingList").GetArrayLength());
        Assert.Equal(arns.Order(), found.Select(m => m.ResourceARN!.TrimEnd('*').TrimEnd(':')).Order());
        Assert.All(found, m => Assert.Contains(m.Tags!, t => t.Key == "reconciler:stack" && t.Value == stack));
    }
}
