using Reconciler.Aws;
using Reconciler.Aws.Clients.Ecs;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using EcsOperations = Reconciler.Aws.Clients.Ecs.EcsOperations;

namespace Reconciler.Controller.Drivers.Ecs;

/// <summary>
/// Converges ECS clusters through the generated <see cref="IEcsClient"/>.
/// <para>
/// Reads: one paginated ListClusters (ARNs only), then DescribeClusters of the stack's names
/// (up to 100 a call) with their settings; a deleted cluster stays listed as INACTIVE for a while
/// and counts as missing. Tags from the stack's tag index or ListTagsForResource.
/// </para>
/// </summary>
internal sealed class ClusterDriver : NameAddressedDriver<ClusterSpec, Cluster>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        EcsOperations.CreateCluster,
        EcsOperations.DeleteCluster,
        EcsOperations.DescribeClusters,
        EcsOperations.ListClusters,
        EcsOperations.ListTagsForResource,
        EcsOperations.PutClusterCapacityProviders,
        EcsOperations.TagResource,
        EcsOperations.UntagResource,
        EcsOperations.UpdateCluster,
    ];

    private const string InsightsSetting = "containerInsights";
    private const int DescribeBatch = 100;

    protected override AwsService Service => AwsService.Ecs;

    protected override ITagApi Tags => EcsTags.Instance;

    protected override string NameOf(ClusterSpec spec) => spec.ClusterName!;

    protected override async Task<IReadOnlyDictionary<string, Cluster>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var arns = await Pages.ReadAllAsync<string>(async token =>
        {
            var page = await context.Aws.Ecs.ListClustersAsync(new ListClustersRequest { NextToken = token }, cancellationToken);
            return (page.ClusterArns, page.NextToken);
        });
        var names = arns.Select(Arns.ResourceId).Where(n => n.StartsWith(namePrefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        foreach (var batch in names.Chunk(DescribeBatch))
        {
            var described = await context.Aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = batch, Include = ["SETTINGS"] }, cancellationToken);
            foreach (var cluster in (described.Clusters ?? []).Where(c => c.Status == "ACTIVE" && c.ClusterName is not null))
            {
                result[cluster.ClusterName!] = cluster;
            }
        }

        return result;
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, Cluster listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.ClusterName!;
        var arn = listed.ClusterArn ?? throw new InvalidOperationException($"{key}: DescribeClusters returned no ARN for {name}.");
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        var live = new ClusterSpec
        {
            ClusterName = name,
            ContainerInsights = listed.Settings?.FirstOrDefault(s => s.Name == InsightsSetting)?.Value is "enabled" or "enhanced",
            CapacityProviders = [.. listed.CapacityProviders ?? []],
        };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, new Dictionary<string, string> { ["clusterName"] = name, ["clusterArn"] = arn });
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, ClusterSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        // CreateCluster of an existing active name returns it unchanged: a repeated create is harmless.
        await context.Aws.Ecs.CreateClusterAsync(
            new CreateClusterRequest
            {
                ClusterName = NameOf(spec),
                Settings = [Insights(spec.ContainerInsights)],
                CapacityProviders = spec.CapacityProviders,
                Tags = EcsTags.AtCreate(tags),
            },
            cancellationToken);
        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<ClusterSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        if (change.Changed("containerInsights"))
        {
            await context.Aws.Ecs.UpdateClusterAsync(new UpdateClusterRequest { Cluster = change.Id, Settings = [Insights(change.Desired.ContainerInsights)] }, cancellationToken);
        }

        if (change.Changed("capacityProviders"))
        {
            await context.Aws.Ecs.PutClusterCapacityProvidersAsync(
                new PutClusterCapacityProvidersRequest { Cluster = change.Id, CapacityProviders = change.Desired.CapacityProviders, DefaultCapacityProviderStrategy = [] },
                cancellationToken);
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Ecs.DeleteClusterAsync(new DeleteClusterRequest { Cluster = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private static ClusterSetting Insights(bool on) => new() { Name = InsightsSetting, Value = on ? "enabled" : "disabled" };
}
