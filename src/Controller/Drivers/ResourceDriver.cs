using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers;

/// <summary>
/// The typed base of every driver: holds the kind's name (from its spec's <see cref="KindAttribute"/>)
/// and hands each verb the spec as its record type.
/// </summary>
internal abstract class ResourceDriver<TSpec> : IResourceDriver
    where TSpec : class, IResourceSpec
{
    public string Kind { get; } =
        typeof(TSpec).GetCustomAttributes(typeof(KindAttribute), false).OfType<KindAttribute>().Single().Name;

    public abstract Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken);

    public Task<ObservedResource> CreateAsync(DesiredResource desired, DriverContext context, CancellationToken cancellationToken) =>
        CreateAsync(desired.Key, desired.SpecAs<TSpec>(), ResourceTags.Effective(context.Stack, desired), context, cancellationToken);

    public Task<ObservedResource> UpdateAsync(DesiredResource desired, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken) =>
        UpdateAsync(desired.Key, desired.SpecAs<TSpec>(), ResourceTags.Effective(context.Stack, desired), observed, fields, context, cancellationToken);

    public abstract Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Creates (or adopts) the resource with its managed tags and returns what is then live.</summary>
    protected abstract Task<ObservedResource> CreateAsync(ResourceKey key, TSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Changes the listed fields in place and returns what is then live.</summary>
    protected abstract Task<ObservedResource> UpdateAsync(ResourceKey key, TSpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken);
}
