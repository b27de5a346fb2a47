using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers.Elbv2;

/// <summary>
/// The shared mechanics of ELBv2 kinds (load balancers, target groups, listeners, listener
/// rules). ELBv2 addresses everything by ARN, so the identity's <c>id</c> is the ARN, and
/// references resolve to ARNs. Its Describe calls take no tag filter: observe lists the kind's
/// candidates (every load balancer or target group of the region; the listeners of the stack's
/// load balancers; the rules of its listeners), takes their tags from the observe's
/// <see cref="StackTagIndex"/> where it knows them and reads the rest with one DescribeTags per
/// 20 ARNs, and matches them to documents by their <c>reconciler:resource</c> tag. Every ELBv2
/// create takes tags, so a crash between create and record leaves a tagged resource that the
/// next observe (or the repeated create) adopts.
/// </summary>
internal abstract class Elbv2Driver<TSpec, TItem> : ResourceDriver<TSpec>
    where TSpec : class, IResourceSpec
    where TItem : class
{
    /// <summary>ELBv2's "does not exist" error codes, for every kind of the family.</summary>
    private static readonly HashSet<string> NotFoundCodes = ["LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound", "RuleNotFound"];

    protected override ITagApi Tags => Elbv2Tags.Instance;

    /// <summary>The name of the ARN in outputs, e.g. <c>targetGroupArn</c>.</summary>
    protected abstract string ArnOutputName { get; }

    protected abstract string ArnOf(TItem item);

    /// <summary>
    /// Whether the Resource Groups Tagging API lists this kind (load balancers and target groups;
    /// moto lists neither listeners nor rules). When it does and the stack's tag index was read
    /// whole, a listed item the index lacks belongs to no document of the stack, and its tags are
    /// not read: the region's other load balancers cost nothing.
    /// </summary>
    protected virtual bool InStackTagIndex => false;

    /// <summary>
    /// The items a document of the kind could be: for <paramref name="desired"/> specs and the
    /// <paramref name="recordedArns"/> the state remembers (kinds that can only be listed under a
    /// parent, such as listeners, take their parents from them). Every page.
    /// </summary>
    protected abstract Task<IReadOnlyList<TItem>> ListAsync(IReadOnlyList<TSpec> desired, IReadOnlyList<string> recordedArns, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Items by ARN; an ARN that no longer exists is left out.</summary>
    protected abstract Task<TItem?> DescribeByArnAsync(string arn, DriverContext context, CancellationToken cancellationToken);

    /// <summary>The item as the kind's spec record (references as document names), with any per-resource reads it needs, and its outputs besides the ARN.</summary>
    protected abstract Task<(TSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(TItem item, DriverContext context, CancellationToken cancellationToken);

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var recordedArns = request.Recorded.Select(r => r.Identity.GetValueOrDefault("id")).OfType<string>().ToList();
        var items = await ListAsync([.. request.Desired.Select(d => d.SpecAs<TSpec>())], recordedArns, context, cancellationToken);

        // Observed alone (not by the stack observer), a kind the tagging API lists reads the stack's index itself: one call.
        var observing = context.StackTags is null && InStackTagIndex
            ? context with { StackTags = StackTagIndex.For(context, cancellationToken, AwsService.ElasticLoadBalancingV2.SigningName) }
            : context;
        var tags = await TagsOfAsync(items, recordedArns, observing, cancellationToken);

        // The listing holds other stacks' resources too: only the stack's own, and the recorded ones, are candidates.
        var ours = items.Where(i => recordedArns.Contains(ArnOf(i)) || tags.GetValueOrDefault(ArnOf(i))?.GetValueOrDefault(ResourceTags.StackTag) == context.Stack.Name);
        var found = TaggedItems.ByKey(ours, ArnOf, i => tags.GetValueOrDefault(ArnOf(i)) ?? new Dictionary<string, string>(), request);
        foreach (var arn in TaggedItems.RecordedIdsMissingFrom(request, found))
        {
            // Not among the listed candidates (its parent unknown this cycle): described by its recorded ARN.
            if (await TryDescribeAsync(arn, context, cancellationToken) is { } item)
            {
                var itemTags = await Tags.ReadAsync(context.Aws, new Dictionary<string, string> { ["id"] = arn }, cancellationToken);
                tags = new Dictionary<string, IReadOnlyDictionary<string, string>>(tags) { [arn] = itemTags };
                foreach (var (key, value) in TaggedItems.ByKey([item], ArnOf, _ => itemTags, request))
                {
                    found.TryAdd(key, value);
                }
            }
        }

        foreach (var (key, item) in found)
        {
            context.Identities.Set(key, ArnOf(item));
        }

        var keys = request.Keys.Concat(found.Keys).Distinct().ToList();
        var result = new ObservedResource[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism.For(context.Aws.Budget, AwsService.ElasticLoadBalancingV2.SigningName), CancellationToken = cancellationToken },
            async (i, ct) => result[i] = found.TryGetValue(keys[i], out var item)
                ? await ObservationOfAsync(keys[i], item, tags.GetValueOrDefault(ArnOf(item)) ?? new Dictionary<string, string>(), context, ct)
                : ObservedResource.Missing(keys[i]));
        return result;
    }

    /// <summary>The item already created for the document (by its resource tag), so a repeated create adopts it.</summary>
    protected override async Task<ObservedResource?> FindAsync(ResourceKey key, TSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken)
    {
        var items = (await ListAsync([spec], [], context, cancellationToken)).Where(i => ArnOf(i) != excludedId).ToList();
        var tags = await TagsOfAsync(items, [], context with { StackTags = null }, cancellationToken);
        var resourceTag = key.ToString();
        var mine = items
            .Where(i => tags.GetValueOrDefault(ArnOf(i)) is { } t
                && t.GetValueOrDefault(ResourceTags.ResourceTag) == resourceTag
                && t.GetValueOrDefault(ResourceTags.StackTag) == context.Stack.Name)
            .ToList();
        var knownArn = context.Identities.TryIdOf(key);

        // Two items with the same tag mean an earlier duplicate: prefer the one the cycle already knows.
        var item = mine.FirstOrDefault(i => ArnOf(i) == knownArn) ?? mine.OrderBy(ArnOf, StringComparer.Ordinal).FirstOrDefault();
        if (item is null)
        {
            return null;
        }

        context.Identities.Set(key, ArnOf(item));
        return await ObservationOfAsync(key, item, tags[ArnOf(item)], context, cancellationToken);
    }

    /// <summary>Describes one resource by ARN after a write, waiting until ELBv2 shows it.</summary>
    protected override async Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken)
    {
        context.Identities.Set(key, id);
        var item = await Waiter.ForAsync($"{key} ({id}) to become visible", ct => TryDescribeAsync(id, context, ct), context, cancellationToken);
        var tags = await Tags.ReadAsync(context.Aws, new Dictionary<string, string> { ["id"] = id }, cancellationToken);
        return await ObservationOfAsync(key, item, tags, context, cancellationToken);
    }

    protected override bool IsNotFound(Exception error) => error is AwsServiceException e && NotFoundCodes.Contains(e.ErrorCode);

    /// <summary>The ARN of a referenced document (references resolve to ARNs in this family).</summary>
    protected static string ArnOfReference(string kind, string name, DriverContext context) => context.Identities.IdOf(kind, name);

    private async Task<TItem?> TryDescribeAsync(string arn, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await DescribeByArnAsync(arn, context, cancellationToken);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    private async Task<ObservedResource> ObservationOfAsync(ResourceKey key, TItem item, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var arn = ArnOf(item);
        var (live, outputs) = await ReadAsync(item, context, cancellationToken);
        return Observed(
            key,
            live,
            tags,
            new Dictionary<string, string> { ["id"] = arn, ["arn"] = arn },
            new Dictionary<string, string>(outputs) { [ArnOutputName] = arn });
    }

    /// <summary>
    /// Tags by ARN: from the observe's stack index where it knows the ARN, the rest with batched
    /// DescribeTags; items the complete index lacks of a kind it lists are skipped unless recorded.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> TagsOfAsync(
        IReadOnlyList<TItem> items, IReadOnlyList<string> recordedArns, DriverContext context, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var index = context.StackTags;
        var indexIsWhole = InStackTagIndex && index is not null && await index.IsCompleteAsync();
        var unknown = new List<string>();
        foreach (var arn in items.Select(ArnOf))
        {
            if (index is not null && await index.TryGetAsync(arn) is { } indexed)
            {
                tags[arn] = indexed;
            }
            else if (!indexIsWhole || recordedArns.Contains(arn))
            {
                unknown.Add(arn);
            }
        }

        foreach (var (arn, read) in await Elbv2Tags.ReadManyAsync(context.Aws, unknown, cancellationToken))
        {
            tags[arn] = read;
        }

        return tags;
    }
}
