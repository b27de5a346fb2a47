using Reconciler.Aws;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers.ApiGateway;

/// <summary>
/// The shared mechanics of API Gateway kinds (REST APIs, API keys, usage plans): AWS generates
/// their ids and does not require unique names, so they are found by their tags, which every list
/// answer carries. Observe lists the kind once (every page) and keeps the stack's items, matched
/// to documents by their <c>reconciler:resource</c> tag (or a recorded id whose tags were removed);
/// a repeated create finds the item by its stack and resource tags and adopts it. Per-item reads
/// (a REST API's methods and stage, a plan's keys) run as many at once as the service's budget lets through.
/// </summary>
internal abstract class ApiGatewayDriver<TSpec, TItem> : ResourceDriver<TSpec>
    where TSpec : class, IResourceSpec
    where TItem : class
{
    protected override ITagApi Tags => ApiGatewayTags.Instance;

    /// <summary>The ARN's collection: <c>restapis</c>, <c>apikeys</c> or <c>usageplans</c>.</summary>
    protected abstract string Collection { get; }

    /// <summary>The name of the id in outputs, e.g. <c>restApiId</c>.</summary>
    protected abstract string IdOutputName { get; }

    /// <summary>Every item of the kind in the region, every page.</summary>
    protected abstract Task<IReadOnlyList<TItem>> ListAsync(DriverContext context, CancellationToken cancellationToken);

    /// <summary>One item by id; a not-found error when it is gone.</summary>
    protected abstract Task<TItem> GetAsync(string id, DriverContext context, CancellationToken cancellationToken);

    protected abstract string IdOf(TItem item);

    protected abstract IReadOnlyDictionary<string, string>? TagsOf(TItem item);

    /// <summary>
    /// The item as the kind's spec record, with references as document names, and outputs besides
    /// the id. <paramref name="desired"/> is the document's spec when the observe has it.
    /// </summary>
    protected abstract Task<(TSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(TItem item, TSpec? desired, DriverContext context, CancellationToken cancellationToken);

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var recordedIds = request.Recorded.Select(r => r.Identity.GetValueOrDefault("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var ours = (await ListAsync(context, cancellationToken)).Where(i => IsOfStack(i, context) || recordedIds.Contains(IdOf(i)));
        var found = TaggedItems.ByKey(ours, IdOf, TagMapOf, request);
        foreach (var (key, item) in found)
        {
            context.Identities.Set(key, IdOf(item));
        }

        var keys = request.Keys.Concat(found.Keys).Distinct().ToList();
        var result = new ObservedResource[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism.For(context.Aws.Budget, AwsService.ApiGateway.SigningName), CancellationToken = cancellationToken },
            async (i, ct) => result[i] = found.TryGetValue(keys[i], out var item)
                ? await TryObserveAsync(keys[i], item, request.DesiredOf(keys[i])?.SpecAs<TSpec>(), context, ct) ?? ObservedResource.Missing(keys[i])
                : ObservedResource.Missing(keys[i]));
        return result;
    }

    protected override async Task<ObservedResource?> FindAsync(ResourceKey key, TSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken)
    {
        var items = (await ListAsync(context, cancellationToken))
            .Where(i => IsOfStack(i, context) && TagMapOf(i).GetValueOrDefault(ResourceTags.ResourceTag) == key.ToString() && IdOf(i) != excludedId)
            .ToList();
        var recordedId = context.Identities.TryIdOf(key);

        // Two items with the same tag mean an earlier duplicate: prefer the one the cycle already knows.
        var item = items.FirstOrDefault(i => IdOf(i) == recordedId) ?? items.OrderBy(IdOf, StringComparer.Ordinal).FirstOrDefault();
        if (item is null)
        {
            return null;
        }

        context.Identities.Set(key, IdOf(item));
        return await ObservationOf(key, item, spec, context, cancellationToken);
    }

    protected override async Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken)
    {
        context.Identities.Set(key, id);
        return await ObservationOf(key, await GetAsync(id, context, cancellationToken), null, context, cancellationToken);
    }

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    /// <summary>The identity of an item: its id and its tagging ARN.</summary>
    protected IReadOnlyDictionary<string, string> IdentityOf(string id, DriverContext context) =>
        new Dictionary<string, string> { ["id"] = id, ["arn"] = ApiGatewayTags.Arn(context.Stack.Region, Collection, id) };

    private IReadOnlyDictionary<string, string> TagMapOf(TItem item) => TagsOf(item) ?? new Dictionary<string, string>();

    private bool IsOfStack(TItem item, DriverContext context) => TagMapOf(item).GetValueOrDefault(ResourceTags.StackTag) == context.Stack.Name;

    // Listed, then deleted before its details were read: gone.
    private async Task<ObservedResource?> TryObserveAsync(ResourceKey key, TItem item, TSpec? desired, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await ObservationOf(key, item, desired, context, cancellationToken);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    private async Task<ObservedResource> ObservationOf(ResourceKey key, TItem item, TSpec? desired, DriverContext context, CancellationToken cancellationToken)
    {
        var id = IdOf(item);
        var (live, outputs) = await ReadAsync(item, desired, context, cancellationToken);
        return Observed(key, live, TagMapOf(item), IdentityOf(id, context), new Dictionary<string, string>(outputs) { [IdOutputName] = id });
    }
}
