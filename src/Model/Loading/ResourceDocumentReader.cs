using Reconciler.Model.Kinds;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>Reads one resource document (kind already known): its metadata and its spec.</summary>
internal static class ResourceDocumentReader
{
    public static BoundDocument Read(DocumentContext context, YamlMappingNode root, KindInfo kind)
    {
        var location = context.At(root);

        // The loader already reported misspelled top-level keys; do not report the field they meant as missing too.
        var misspelled = root.Children.Keys.OfType<YamlScalarNode>()
            .Select(k => k.Value ?? "")
            .Where(k => k is not ("kind" or "metadata" or "spec"))
            .Select(k => Suggestions.Closest(k, ["kind", "metadata", "spec"]))
            .ToHashSet();
        var metadataNode = DocumentContext.Get(root, "metadata");
        (Stacks.ResourceMetadata? Metadata, string? Name, YamlNode? NameNode) metadata = (null, null, null);
        if (metadataNode is null || DocumentContext.IsNull(metadataNode))
        {
            if (metadataNode is not null || !misspelled.Contains("metadata"))
            {
                context.Error(metadataNode ?? root, $"missing field 'metadata' in {kind.Name} document; add metadata.name");
            }
        }
        else if (context.Mapping(metadataNode, "metadata", $"{kind.Name} document") is { } mapping)
        {
            metadata = MetadataReader.Read(context, mapping, kind);
        }

        var binder = new SpecBinder(context);
        var spec = new System.Text.Json.Nodes.JsonObject();
        var specNode = DocumentContext.Get(root, "spec");
        if (specNode is null || DocumentContext.IsNull(specNode))
        {
            var required = kind.Fields.Where(f => f.IsRequired).Select(f => f.Name).ToList();
            if (required.Count > 0 && !(specNode is null && misspelled.Contains("spec")))
            {
                context.Error(specNode ?? root, $"missing field 'spec' in {kind.Name} document; add spec with its required fields: {string.Join(", ", required)}");
            }
        }
        else if (context.Mapping(specNode, "spec", $"{kind.Name} document") is { } specMapping)
        {
            spec = binder.BindObject(kind.Fields, specMapping, "", $"{kind.Name} spec");
        }

        return new BoundDocument
        {
            Source = context.Document,
            Kind = kind,
            Name = metadata.Name,
            Location = location,
            NameLocation = metadata.NameNode is { } nameNode ? context.At(nameNode) : location,
            Metadata = metadata.Metadata,
            Spec = spec,
            Locations = binder.Locations,
            References = binder.References,
            HasErrors = context.HasErrors,
        };
    }
}
