using Reconciler.Aws.Clients.CloudWatchLogs;
using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// The stack's tags are read with GetResources, one call per page, shared by every kind of an
/// observe, instead of one tag read per log group, bucket or table; a resource the answer lacks
/// is read on its own, so it is never taken for untagged.
/// </summary>
[Collection(DriverTestCollection.Name)]
public sealed class StackTagReadTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.40.0.0/16
        ---
        kind: Subnet
        metadata:
          name: a
        spec:
          vpc: main
          cidrBlock: 10.40.1.0/24
          availabilityZone: us-east-1a
        ---
        kind: LogGroup
        metadata:
          name: inference
          tags:
            service: inference
        spec:
          retentionDays: 14
        ---
        kind: LogGroup
        metadata:
          name: controller
        spec:
          retentionDays: 14
        ---
        kind: Bucket
        metadata:
          name: models
        spec:
          versioning: true
        ---
        kind: Table
        metadata:
          name: registry
        spec:
          partitionKey:
            name: id
            type: S
        """;

    private const int GroupsBeyondOnePage = 105;

    private static readonly string[] PerResourceTagReads =
        ["logs:ListTagsForResource", "s3:GetBucketTagging", "dynamodb:ListTagsOfResource", "ec2:DescribeTags"];

    [Fact]
    public async Task NoOpObserve_ReadsTagsWithOneGetResourcesAndNoPerResourceTagCalls()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await CreateAllAsync(harness);

        var (observed, requests) = await ObserveStackAsync(harness);

        Assert.Equal(1, requests.GetValueOrDefault("tagging:GetResources"));
        Assert.All(PerResourceTagReads, operation => Assert.Equal(0, requests.GetValueOrDefault(operation)));
        Assert.All(harness.Stack.Resources, desired => harness.AssertInSync(observed[desired.Key]));
        Assert.Equal("main", ((Model.Specs.SubnetSpec)observed[new ResourceKey("Subnet", "a")].Live!).Vpc);
    }

    [Fact]
    public async Task Observe_ResourceMissingFromGetResources_ReadsItsTagsOnItsOwn()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await CreateAllAsync(harness);
        var group = await harness.ObserveAsync("LogGroup", "inference");

        // Without its stack tag the group drops out of the stack's GetResources answer; it still has its other tags.
        await harness.OutOfBand.Logs.UntagResourceAsync(new UntagResourceRequest { ResourceArn = group.Identity["arn"], TagKeys = [ResourceTags.StackTag] });
        var (observed, requests) = await ObserveStackAsync(harness);

        var tags = observed[group.Key].Tags;
        Assert.Equal("inference", tags.GetValueOrDefault("service"));
        Assert.Equal("LogGroup/inference", tags.GetValueOrDefault(ResourceTags.ResourceTag));
        Assert.False(tags.ContainsKey(ResourceTags.StackTag));
        Assert.Equal(1, requests.GetValueOrDefault("logs:ListTagsForResource"));
        Assert.Equal([Planner.TagsPath], harness.Changes(observed[group.Key]).Select(c => c.Path));
        harness.AssertInSync(observed[new ResourceKey("LogGroup", "controller")]);
    }

    [Fact]
    public async Task Observe_MoreResourcesThanOnePage_CallsGetResourcesOncePerPage()
    {
        var documents = string.Join("\n---\n", Enumerable.Range(0, GroupsBeyondOnePage).Select(i => $"""
            kind: LogGroup
            metadata:
              name: group-{i:000}
            spec:
              retentionDays: 14
            """));
        using var harness = new DriverHarness(emulator, documents);
        await harness.CreateAllAsync([.. Enumerable.Range(0, GroupsBeyondOnePage).Select(i => ("LogGroup", $"group-{i:000}"))]);

        var (observed, requests) = await ObserveStackAsync(harness);

        var pages = await CountPagesAsync(harness);
        Assert.True(pages > 1, $"{GroupsBeyondOnePage} groups should take more than one page (100 resources at most); the API returned {pages}");
        Assert.Equal(pages, requests.GetValueOrDefault("tagging:GetResources"));
        Assert.Equal(0, requests.GetValueOrDefault("logs:ListTagsForResource"));
        Assert.All(harness.Stack.Resources, desired => harness.AssertInSync(observed[desired.Key]));
    }

    private static Task CreateAllAsync(DriverHarness harness) =>
        harness.CreateAllAsync(("Vpc", "main"), ("Subnet", "a"), ("LogGroup", "inference"), ("LogGroup", "controller"), ("Bucket", "models"), ("Table", "registry"));

    // The whole stack as a plan observes it, on a fresh context; the requests it made by "service:operation".
    private static async Task<(IReadOnlyDictionary<ResourceKey, ObservedResource> Observed, Dictionary<string, long> Requests)> ObserveStackAsync(DriverHarness harness)
    {
        var before = harness.RequestLog.CountsByOperation();
        var context = harness.Context with { Identities = new IdentityIndex() };
        var observed = (await new StackObserver(DriverCatalog.Default).ObserveAsync(harness.Stack, new Dictionary<ResourceKey, RecordedResource>(), new Dictionary<string, string>(), context, CancellationToken.None)).Observed;
        var requests = harness.RequestLog.CountsByOperation().ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));
        return (observed, requests);
    }

    // The pages the same query has, counted by an independent client.
    private static async Task<long> CountPagesAsync(DriverHarness harness)
    {
        var request = new GetResourcesInput { TagFilters = [new TagFilter { Key = ResourceTags.StackTag, Values = [harness.StackName] }], ResourcesPerPage = 100, TagsPerPage = 500 };
        var pages = 0;
        await foreach (var _ in harness.OutOfBand.Tagging.GetResourcesPagesAsync(request))
        {
            pages++;
        }

        return pages;
    }
}
