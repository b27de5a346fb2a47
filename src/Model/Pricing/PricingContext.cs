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

    /// <param name="prices">The region's price table.</param>
    /// <param name="documents">The specs a price may look up by kind and document name; none when absent.</param>
    public PricingContext(PriceTable prices, IReadOnlyDictionary<ResourceKey, IResourceSpec>? documents = null)
    {
        Prices = prices;
        _documents = documents ?? new Dictionary<ResourceKey, IResourceSpec>();
    }

    public PriceTable Prices { get; }

    /// <summary>The spec of the document of kind <typeparamref name="TSpec"/> named <paramref name="name"/>, or null when the estimate has none.</summary>
    public TSpec? Find<TSpec>(string name)
        where TSpec : class, IResourceSpec =>
        _documents.GetValueOrDefault(new ResourceKey(KindCatalog.For(typeof(TSpec)).Name, name)) as TSpec;
}
