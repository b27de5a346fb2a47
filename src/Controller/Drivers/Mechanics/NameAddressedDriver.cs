using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The shared mechanics of kinds addressed by a physical name the document determines (buckets,
/// tables, log groups; the Model fills the default name at load time, so every spec has one).
/// Observe lists the kind once (every page), then reads details only for the stack's names:
/// these APIs offer no batch read of (all) settings, so that part is one set of calls per
/// resource, run as many at once as the service's request budget lets through. Tags come from
/// the observe's <see cref="StackTagIndex"/> (one GetResources for the stack), a resource it does
/// not know from the service's own tag read. <typeparamref name="TListed"/> is what the list call
/// returns per resource.
/// <para>
/// A resource is looked up by its recorded name first (so a renamed document still shows the
/// resource it replaces), else by the document's name. Because names are deterministic, a
/// crash between create and record leaves the resource where the next observe looks: no tag
/// scan of the whole account is needed, and none is made, so untracked leftovers of a stack
/// under names no document or record holds are not reported for these kinds.
/// </para>
/// </summary>
internal abstract class NameAddressedDriver<TSpec, TListed> : ResourceDriver<TSpec>
    where TSpec : class, IResourceSpec
{
    /// <summary>The service the kind's reads go to: its budget sets how many run at once, and it narrows a kind's own tag read.</summary>
    protected abstract AwsService Service { get; }

    /// <summary>The physical name the document declares (filled with its default by the Model).</summary>
    protected abstract string NameOf(TSpec spec);

    /// <summary>
    /// The one list call (every page), by name. <paramref name="namePrefix"/> is the longest
    /// prefix the wanted names share: APIs that filter by prefix may use it to list less.
    /// </summary>
    protected abstract Task<IReadOnlyDictionary<string, TListed>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The per-resource reads: one listed resource's live spec, tags, identity and outputs. A
    /// <see cref="ResourceDriver{TSpec}.IsNotFound"/> error means it went in between: reported missing.
    /// </summary>
    protected abstract Task<ObservedResource> ReadAsync(ResourceKey key, TListed listed, DriverContext context, CancellationToken cancellationToken);

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var keys = request.Keys.ToList();
        var names = keys.Select(k => NameFor(request, k)).ToList();

        // Observed alone (not by the stack observer), the kind reads its own tags: still one call, narrowed to the service.
        var observing = context.StackTags is null ? context with { StackTags = StackTagIndex.For(context, cancellationToken, Service.SigningName) } : context;
        var existing = await ListAsync(CommonPrefix(names.OfType<string>()), context, cancellationToken);
        var results = new ObservedResource[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism.For(context.Aws.Budget, Service.SigningName), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var observed = names[i] is { } name && existing.TryGetValue(name, out var listed) ? await TryReadAsync(keys[i], listed, observing, ct) : null;
                results[i] = observed ?? ObservedResource.Missing(keys[i]);
            });

        foreach (var observed in results.Where(o => o.Exists))
        {
            context.Identities.Set(observed.Key, observed.Identity["id"]);
        }

        return results;
    }

    /// <summary>
    /// The resource's tags: from the observe's <see cref="StackTagIndex"/> when it knows the
    /// resource's ARN (<c>identity["arn"]</c>), else (after writes, or for a resource the index
    /// lacks) from the service's own tag read, so nothing is taken for untagged that is not.
    /// </summary>
    protected async Task<IReadOnlyDictionary<string, string>> ReadTagsAsync(IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        context.StackTags is { } index && await index.TryGetAsync(identity["arn"]) is { } tags
            ? tags
            : await Tags.ReadAsync(context.Aws, identity, cancellationToken);

    /// <summary>A repeated create finds the resource under its deterministic name and adopts it.</summary>
    /// Names are fixed by the document, so these kinds never replace create-before-destroy: the
    /// excluded id only guards against adopting the resource being replaced.
    protected override async Task<ObservedResource?> FindAsync(ResourceKey key, TSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken) =>
        await ReadByNameAsync(key, NameOf(spec), context, cancellationToken) is { } found && found.Identity.GetValueOrDefault("id") != excludedId ? found : null;

    /// <summary>Reads one resource after a write, waiting for it to become visible (S3 and others are eventually consistent).</summary>
    protected override async Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken)
    {
        var observed = await Waiter.ForAsync($"{key} ({id}) to become visible", ct => ReadByNameAsync(key, id, context, ct), context, cancellationToken);
        context.Identities.Set(key, observed.Identity["id"]);
        return observed;
    }

    private async Task<ObservedResource?> ReadByNameAsync(ResourceKey key, string name, DriverContext context, CancellationToken cancellationToken) =>
        (await ListAsync(name, context, cancellationToken)).TryGetValue(name, out var listed) ? await TryReadAsync(key, listed, context, cancellationToken) : null;

    // Listed, then deleted before its details were read: gone.
    private async Task<ObservedResource?> TryReadAsync(ResourceKey key, TListed listed, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(key, listed, context, cancellationToken);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    private static string CommonPrefix(IEnumerable<string> names) =>
        names.Aggregate((string?)null, (prefix, name) => prefix is null ? name : prefix[..prefix.Zip(name).TakeWhile(p => p.First == p.Second).Count()]) ?? "";

    private string? NameFor(ObserveRequest request, ResourceKey key) =>
        request.RecordOf(key)?.Identity.GetValueOrDefault("id")
        ?? (request.DesiredOf(key) is { } desired ? NameOf(desired.SpecAs<TSpec>()) : null);
}
