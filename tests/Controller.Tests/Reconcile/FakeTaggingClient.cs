using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;

namespace Reconciler.Controller.Tests.Reconcile;

/// <summary>GetResources answering from a fixed list (one page), or failing as AWS would without the permission.</summary>
internal sealed class FakeTaggingClient(IReadOnlyList<ResourceTagMapping>? mappings) : IResourceGroupsTaggingApiClient
{
    public int Calls { get; private set; }

    public Task<GetResourcesOutput> GetResourcesAsync(GetResourcesInput request, CancellationToken cancellationToken = default)
    {
        Calls++;
        return mappings is null
            ? throw new AwsServiceException("tagging", "GetResources", "AccessDeniedException", System.Net.HttpStatusCode.BadRequest, null, "not allowed")
            : Task.FromResult(new GetResourcesOutput { ResourceTagMappingList = mappings, PaginationToken = "" });
    }

    public Task<TagResourcesOutput> TagResourcesAsync(TagResourcesInput request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<UntagResourcesOutput> UntagResourcesAsync(UntagResourcesInput request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
