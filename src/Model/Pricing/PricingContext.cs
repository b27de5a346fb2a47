using Reconciler.Model.Kinds;

namespace Reconciler.Model.Pricing;

/// <summary>
/// What a kind's price sees: the region's <see cref="PriceTable"/>, and the other documents of
/// the same side of the estimate (every desired spec, or every live one for what a change
/// removes), for kinds whose cost lives in a document they reference: an Auto Scaling group
/// runs the instance type and root volume of its launch template.
/// </summary>
public sealed class PricingContext
{
    private readonly IReadOnlyDictionary<ResourceKey, IResourceSpec> _documents;
    private readonly IReadOnlyDictionary<ResourceKey, IReadOnlyDictionary<string, decimal>> _usage;

    /// <param name="prices">The region's price table, with the stack's usage applied.</param>
    /// <param name="documents">The specs a price may look up by kind and document name; none when absent.</param>
    /// <param name="usage">Each document's own usage figures (<c>metadata.usage</c>, by assumption name); none when absent.</param>
    public PricingContext(
        PriceTable prices,
        IReadOnlyDictionary<ResourceKey, IResourceSpec>? documents = null,
        IReadOnlyDictionary<ResourceKey, IReadOnlyDictionary<string, decimal>>? usage = null)
    {
        Prices = prices;
        _documents = documents ?? new Dictionary<ResourceKey, IResourceSpec>();
        _usage = usage ?? new Dictionary<ResourceKey, IReadOnlyDictionary<string, decimal>>();
    }

    public PriceTable Prices { get; }

    /// <summary>The context one document is priced in: its own usage figures win over the stack's and the table's.</summary>
    public PricingContext For(ResourceKey key) =>
        _usage.TryGetValue(key, out var own) && own.Count > 0
            ? new PricingContext(
                Prices.WithUsage(own.ToDictionary(entry => $"{key.Kind}.{entry.Key}", entry => entry.Value, StringComparer.Ordinal), $"metadata.usage of {key}"),
                _documents,
                _usage)
            : this;

    /// <summary>The spec of the document of kind <typeparamref name="TSpec"/> named <paramref name="name"/>, or null when the estimate has none.</summary>
    public TSpec? Find<TSpec>(string name)
        where TSpec : class, IResourceSpec =>
        _documents.GetValueOrDefault(new ResourceKey(KindCatalog.For(typeof(TSpec)).Name, name)) as TSpec;
}
