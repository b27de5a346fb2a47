using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// The shared mechanics of EC2 kinds: one paginated Describe filtered by the stack tag finds all
/// of a kind at once; recorded ids whose tags went missing are described by id; a repeated create
/// finds the resource by its stack and resource tags and adopts it; each item is turned into the
/// kind's spec record by the kind.
/// </summary>
internal abstract class Ec2Driver<TSpec, TItem> : ResourceDriver<TSpec>
    where TSpec : class, IResourceSpec
    where TItem : class
{
    protected override ITagApi Tags => Ec2Tags.Instance;

    /// <summary>The name of the id in outputs, e.g. <c>vpcId</c>.</summary>
    protected abstract string IdOutputName { get; }

    /// <summary>Describes items by filter or by ids (one of them set), every page.</summary>
    protected abstract Task<IReadOnlyList<TItem>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken);

    protected abstract string IdOf(TItem item);

    protected abstract IEnumerable<Tag>? TagsOf(TItem item);

    /// <summary>The item as the kind's spec record, with references as document names.</summary>
    protected abstract Task<TSpec> LiveOf(TItem item, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Values worth publishing besides the id (ARN, zone, ...).</summary>
    protected virtual IReadOnlyDictionary<string, string> OutputsOf(TItem item) => new Dictionary<string, string>();

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var tagged = await DescribeAsync([Ec2Tags.StackFilter(context.Stack)], null, context, cancellationToken);
        var found = TaggedItems.ByKey(tagged, IdOf, i => Ec2Tags.FromSdk(TagsOf(i)), request);
        var untagged = TaggedItems.RecordedIdsMissingFrom(request, found);
        if (untagged.Count > 0)
        {
            var byId = await DescribeByIdsAsync(untagged, context, cancellationToken);
            foreach (var (key, item) in TaggedItems.ByKey(byId, IdOf, _ => new Dictionary<string, string>(), request))
            {
                found.TryAdd(key, item);
            }
        }

        foreach (var (key, item) in found)
        {
            context.Identities.Set(key, IdOf(item));
        }

        // Kinds with per-resource reads (a VPC's DNS attributes) run them as many at once as EC2's budget lets through.
        var keys = request.Keys.Concat(found.Keys).Distinct().ToList();
        var result = new ObservedResource[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism.For(context.Aws.Budget, AwsService.Ec2.SigningName), CancellationToken = cancellationToken },
            async (i, ct) => result[i] = found.TryGetValue(keys[i], out var item)
                ? await ObservationOf(keys[i], item, context, ct)
                : ObservedResource.Missing(keys[i]));
        return result;
    }

    /// <summary>
    /// The live item already created for a document (found by its stack and resource tags), so a
    /// repeated Create adopts it instead of making a duplicate. Null when there is none.
    /// </summary>
    protected override async Task<ObservedResource?> FindAsync(ResourceKey key, TSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken)
    {
        var items = (await DescribeAsync([Ec2Tags.StackFilter(context.Stack), Ec2Tags.ResourceFilter(key)], null, context, cancellationToken))
            .Where(i => IdOf(i) != excludedId)
            .ToList();
        var recordedId = context.Identities.TryIdOf(key);

        // Two items with the same tag mean an earlier duplicate: prefer the one the cycle already knows.
        var item = items.FirstOrDefault(i => IdOf(i) == recordedId) ?? items.OrderBy(IdOf, StringComparer.Ordinal).FirstOrDefault();
        if (item is null)
        {
            return null;
        }

        context.Identities.Set(key, IdOf(item));
        return await ObservationOf(key, item, context, cancellationToken);
    }

    /// <summary>Describes one resource by id after a write, waiting for it to become visible.</summary>
    protected override async Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken)
    {
        context.Identities.Set(key, id);
        var item = await DescribeOneAsync(key, id, context, cancellationToken);
        return await ObservationOf(key, item, context, cancellationToken);
    }

    /// <summary>Describes one item by id, waiting until EC2 shows it (EC2 reads are eventually consistent).</summary>
    protected Task<TItem> DescribeOneAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken) =>
        Waiter.ForAsync($"{key} ({id}) to become visible", async ct => (await DescribeByIdsAsync([id], context, ct)).FirstOrDefault(), context, cancellationToken);

    /// <summary>Describes items by id; ids that no longer exist are left out instead of failing the call.</summary>
    protected async Task<IReadOnlyList<TItem>> DescribeByIdsAsync(List<string> ids, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await DescribeAsync(null, ids, context, cancellationToken);
        }
        catch (AmazonEC2Exception e) when (IsNotFound(e))
        {
            // Describing by id fails as a whole when any id is gone: fall back to one at a time.
            if (ids.Count == 1)
            {
                return [];
            }

            var items = new List<TItem>();
            foreach (var id in ids)
            {
                items.AddRange(await DescribeByIdsAsync([id], context, cancellationToken));
            }

            return items;
        }
    }

    // EC2 names a missing id as <Kind>.NotFound (InvalidVpcID.NotFound, InvalidGroup.NotFound, ...).
    protected override bool IsNotFound(Exception error) =>
        error is AmazonEC2Exception e && e.ErrorCode?.EndsWith(".NotFound", StringComparison.Ordinal) == true;

    private async Task<ObservedResource> ObservationOf(ResourceKey key, TItem item, DriverContext context, CancellationToken cancellationToken)
    {
        var id = IdOf(item);
        return Observed(
            key,
            await LiveOf(item, context, cancellationToken),
            Ec2Tags.FromSdk(TagsOf(item)),
            new Dictionary<string, string> { ["id"] = id },
            new Dictionary<string, string>(OutputsOf(item)) { [IdOutputName] = id });
    }
}
