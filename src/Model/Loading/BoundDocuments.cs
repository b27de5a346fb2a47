using System.Text.Json;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Loading;

/// <summary>
/// Every bound resource document of a folder by kind and name, each read once as its spec
/// record (partially: fields that failed to bind keep the record's defaults). It lets a kind's
/// rules look at the documents it references, e.g. the zones of an Auto Scaling group's subnets.
/// </summary>
internal sealed class BoundDocuments
{
    private readonly ILookup<string, BoundDocument> _byKind;
    private readonly Dictionary<BoundDocument, IResourceSpec?> _specs = [];

    public BoundDocuments(IEnumerable<BoundDocument> documents) =>
        _byKind = documents.Where(d => d.Name is not null).ToLookup(d => d.Kind.Name, StringComparer.Ordinal);

    /// <summary>The record of the <typeparamref name="TSpec"/> document named <paramref name="name"/>; null when none binds.</summary>
    public TSpec? Find<TSpec>(string name)
        where TSpec : class, IResourceSpec =>
        _byKind[KindCatalog.For(typeof(TSpec)).Name].FirstOrDefault(d => d.Name == name) is { } document ? SpecOf(document) as TSpec : null;

    /// <summary>Every <typeparamref name="TSpec"/> document that binds, by document name, in file order.</summary>
    public IEnumerable<(string Name, TSpec Spec)> All<TSpec>()
        where TSpec : class, IResourceSpec
    {
        foreach (var document in _byKind[KindCatalog.For(typeof(TSpec)).Name])
        {
            if (SpecOf(document) is TSpec spec)
            {
                yield return (document.Name!, spec);
            }
        }
    }

    /// <summary>The document's record, read once; null when binding produced what the record cannot hold (binding reported why).</summary>
    public IResourceSpec? SpecOf(BoundDocument document)
    {
        if (!_specs.TryGetValue(document, out var spec))
        {
            try
            {
                spec = (IResourceSpec?)document.Spec.Deserialize(document.Kind.SpecType, SpecJson.Partial);
            }
            catch (JsonException)
            {
                spec = null;
            }

            _specs[document] = spec;
        }

        return spec;
    }
}
