using Microsoft.Extensions.Logging;
using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;
using Reconciler.Model;
using Reconciler.Model.Stacks;
using ResourceGroupsTaggingApiOperations = Reconciler.Aws.Clients.ResourceGroupsTaggingApi.ResourceGroupsTaggingApiOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The tags of every resource of a stack, by ARN, from one paginated Resource Groups Tagging
/// API GetResources call filtered by the stack tag: one read for the whole stack instead of
/// one tag read per resource (CloudWatch Logs, S3 and DynamoDB return no tags in their lists).
/// <para>
/// Read lazily, once, when first asked, and shared by every kind of one observe; never reused
/// after it, because writes change tags. A resource the answer lacks (untagged, its stack tag
/// removed, or tags not yet visible: the API is eventually consistent) is not "untagged":
/// <see cref="TryGetAsync"/> says it does not know, and the driver reads that resource's tags
/// itself. If the call fails the index knows nothing, so every driver falls back the same way.
/// </para>
/// </summary>
internal sealed class StackTagIndex
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        ResourceGroupsTaggingApiOperations.GetResources,
    ];

    // GetResources' largest pages: 100 resources, 500 tags (a page also ends at its tag limit,
    // 100 unless asked; with a few tags per resource that default would cut pages at 25-30).
    private const int ResourcesPerPage = 100;
    private const int TagsPerPage = 500;
    private const int MaxPages = 1000;

    private readonly Lazy<Task<StackTagSnapshot>> _snapshot;

    private StackTagIndex(Func<Task<StackTagSnapshot>> read)
    {
        _snapshot = new Lazy<Task<StackTagSnapshot>>(read, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// An index of <paramref name="context"/>'s stack, read on first use with <paramref name="cancellationToken"/>.
    /// <paramref name="resourceTypes"/> narrows the read (e.g. <c>logs</c>) when only one kind will ask.
    /// </summary>
    public static StackTagIndex For(DriverContext context, CancellationToken cancellationToken, params string[] resourceTypes) =>
        new(() => ReadAsync(context, resourceTypes, cancellationToken));

    /// <summary>Whether the read succeeded: when false, nothing is known and every resource's tags are read one by one.</summary>
    public async Task<bool> IsCompleteAsync() => (await _snapshot.Value).Complete;

    /// <summary>The tags of the resource with <paramref name="arn"/>, or null when the index does not know it.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> TryGetAsync(string arn) =>
        (await _snapshot.Value).ByArn.GetValueOrDefault(Normalize(arn));

    /// <summary>
    /// The AWS id of every resource whose <c>reconciler:resource</c> tag names a document
    /// (<c>Kind/name</c>), taken from its ARN, ordered by ARN so duplicates resolve the same way each time.
    /// </summary>
    public async Task<IReadOnlyList<(ResourceKey Key, string Id)>> IdentitiesAsync()
    {
        var identities = new List<(ResourceKey Key, string Id)>();
        foreach (var (arn, tags) in (await _snapshot.Value).ByArn.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (tags.TryGetValue(ResourceTags.ResourceTag, out var tag) && ResourceKey.TryParse(tag, out var key))
            {
                identities.Add((key, Arns.ResourceId(arn)));
            }
        }

        return identities;
    }

    private static async Task<StackTagSnapshot> ReadAsync(DriverContext context, string[] resourceTypes, CancellationToken cancellationToken)
    {
        var request = new GetResourcesInput
        {
            TagFilters = [new TagFilter { Key = ResourceTags.StackTag, Values = [context.Stack.Name] }],
            ResourceTypeFilters = resourceTypes.Length == 0 ? null : resourceTypes,
            ResourcesPerPage = ResourcesPerPage,
            TagsPerPage = TagsPerPage,
        };
        try
        {
            var byArn = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            string? token = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var answer = await context.Aws.Tagging.GetResourcesAsync(request with { PaginationToken = token }, cancellationToken);
                foreach (var mapping in answer.ResourceTagMappingList ?? [])
                {
                    if (mapping.ResourceARN is { } arn)
                    {
                        byArn[Normalize(arn)] = TagMaps.From(mapping.Tags?.Where(t => t.Key is not null), t => t.Key!, t => t.Value ?? "");
                    }
                }

                // A token handed back unchanged would page forever.
                if (string.IsNullOrEmpty(answer.PaginationToken) || answer.PaginationToken == token)
                {
                    return new StackTagSnapshot(byArn, Complete: true);
                }

                token = answer.PaginationToken;
            }

            throw new InvalidOperationException($"GetResources for stack '{context.Stack.Name}' gave up after {MaxPages} pages: the API kept returning a pagination token.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Missing tag:GetResources permission, an outage: slower (a tag read per resource), never wrong.
            context.Logger.LogWarning(e, "Reading the tags of stack {Stack} with one GetResources call failed; reading each resource's tags instead.", context.Stack.Name);
            return new StackTagSnapshot(new Dictionary<string, IReadOnlyDictionary<string, string>>(), Complete: false);
        }
    }

    // Log group ARNs come with and without the trailing ":*" depending on the API.
    private static string Normalize(string arn) => arn.EndsWith(":*", StringComparison.Ordinal) ? arn[..^2] : arn;
}
