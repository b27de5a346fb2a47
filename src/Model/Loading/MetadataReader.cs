using Reconciler.Model.Kinds;
using Reconciler.Model.Stacks;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>Reads the <c>metadata</c> block of a resource document.</summary>
internal static class MetadataReader
{
    private static readonly string[] Fields = ["name", "tags", "drift", "deletionPolicy", "ignoreFields", "usage", "enabled"];

    /// <summary>The metadata and the name's node; the name is null when missing or invalid.</summary>
    public static (ResourceMetadata? Metadata, string? Name, YamlNode? NameNode) Read(DocumentContext context, YamlMappingNode mapping, KindInfo kind)
    {
        const string where = "metadata";
        var misspelled = context.CheckUnknown(mapping, Fields, where);
        var (name, nameNode) = ReadName(context, mapping, where, reportMissing: !misspelled.Contains("name"));

        var metadata = new ResourceMetadata { Name = name ?? "" };
        if (DocumentContext.Get(mapping, "tags") is { } tagsNode && !DocumentContext.IsNull(tagsNode) && TagReader.Read(context, tagsNode, where) is { } tags)
        {
            metadata = metadata with { Tags = tags };
        }

        if (DocumentContext.Get(mapping, "drift") is { } driftNode && !DocumentContext.IsNull(driftNode))
        {
            metadata = metadata with { Drift = context.Enum<DriftPolicy>(driftNode, "drift", where) };
        }

        if (DocumentContext.Get(mapping, "deletionPolicy") is { } deletionNode && !DocumentContext.IsNull(deletionNode))
        {
            metadata = metadata with { DeletionPolicy = context.Enum<DeletionPolicy>(deletionNode, "deletionPolicy", where) };
        }

        if (DocumentContext.Get(mapping, "enabled") is { } enabledNode && !DocumentContext.IsNull(enabledNode))
        {
            metadata = metadata with { Enabled = context.Boolean(enabledNode, "enabled", where) ?? true };
        }

        if (DocumentContext.Get(mapping, "ignoreFields") is { } ignoreNode && !DocumentContext.IsNull(ignoreNode))
        {
            metadata = metadata with { IgnoreFields = ReadIgnoreFields(context, ignoreNode, kind) };
        }

        if (DocumentContext.Get(mapping, "usage") is { } usageNode && !DocumentContext.IsNull(usageNode))
        {
            // Every region's table assumes the same figures; the document does not know its region here.
            var known = Pricing.PriceTable.Default.AssumptionIds
                .Where(id => id.StartsWith(kind.Name + ".", StringComparison.Ordinal))
                .Select(id => id[(kind.Name.Length + 1)..])
                .ToList();
            if (UsageReader.Read(context, usageNode, where + ".usage", known) is { } usage)
            {
                metadata = metadata with { Usage = usage };
            }
        }

        return (name is null ? null : metadata, name, nameNode);
    }

    /// <summary>Reads and checks <c>metadata.name</c> (shared with the Stack document).</summary>
    public static (string? Name, YamlNode? Node) ReadName(DocumentContext context, YamlMappingNode mapping, string where, bool reportMissing = true)
    {
        var node = DocumentContext.Get(mapping, "name");
        if (node is null || DocumentContext.IsNull(node))
        {
            if (reportMissing || node is not null)
            {
                context.Error(node ?? mapping, $"missing field 'name' in {where}; give the document a name ({ResourceNames.Rule})");
            }

            return (null, node);
        }

        var name = context.Text(node, "name", where);
        if (name is not null && !ResourceNames.IsValid(name))
        {
            context.Error(node, $"invalid name '{name}' in {where}.name; {ResourceNames.Rule}");
            return (null, node);
        }

        return (name, node);
    }

    private static List<string> ReadIgnoreFields(DocumentContext context, YamlNode node, KindInfo kind)
    {
        if (node is not YamlSequenceNode sequence)
        {
            context.Error(node, $"field 'ignoreFields' in metadata must be a list, got {DocumentContext.Describe(node)}");
            return [];
        }

        var known = KnownPaths(kind).ToList();
        var result = new List<string>();
        foreach (var item in sequence.Children)
        {
            var path = context.Text(item, "ignoreFields", "metadata");
            if (path is null)
            {
                continue;
            }

            if (path == "tags" || path.StartsWith("tags.", StringComparison.Ordinal) || kind.PathTo(path).Count > 0)
            {
                result.Add(path);
            }
            else
            {
                context.Error(item, $"unknown field '{path}' in metadata.ignoreFields of a {kind.Name}{Suggestions.Hint(path, known, "fields")}");
            }
        }

        return result;
    }

    /// <summary>Every dotted path of a kind's fields (list items entered without index), plus <c>tags</c>.</summary>
    private static IEnumerable<string> KnownPaths(KindInfo kind)
    {
        IEnumerable<string> Walk(IEnumerable<SpecField> fields, string prefix)
        {
            foreach (var field in fields)
            {
                var path = prefix + field.Name;
                yield return path;
                foreach (var nested in Walk((field.Item ?? field).Fields, path + "."))
                {
                    yield return nested;
                }
            }
        }

        return Walk(kind.Fields, "").Append("tags");
    }
}
