using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;
using Reconciler.Model.Stacks;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>
/// Binds a spec mapping to JSON typed by the kind's fields (strings, integers, booleans, lists,
/// nested records), reporting unknown fields, missing required ones, wrong types and values
/// outside [AllowedValues], [Range] or [Cidr]. Keeps the position of every value by its path
/// (<c>ingress[0].fromPort</c>) for the checks that run later across documents.
/// </summary>
internal sealed class SpecBinder(DocumentContext context)
{
    /// <summary>The position of every bound value, by path; "" is the spec mapping itself.</summary>
    public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

    /// <summary>Every reference the spec makes.</summary>
    public List<ReferenceSite> References { get; } = [];

    public JsonObject BindObject(IReadOnlyList<SpecField> fields, YamlMappingNode mapping, string path, string where)
    {
        Locations[path] = context.At(mapping);
        var misspelled = context.CheckUnknown(mapping, [.. fields.Select(f => f.Name)], where);
        var result = new JsonObject();
        foreach (var field in fields)
        {
            var node = DocumentContext.Get(mapping, field.Name);
            if (node is null || DocumentContext.IsNull(node))
            {
                if (field.IsRequired && (node is not null || !misspelled.Contains(field.Name)))
                {
                    context.Error(node ?? mapping, node is null
                        ? $"missing required field '{field.Name}' in {where}; add it"
                        : $"field '{field.Name}' in {where} is empty; give it a value");
                }

                continue;
            }

            var value = BindValue(field, node, Join(path, field.Name), where);
            if (value is not null)
            {
                result[field.Name] = value;
            }
        }

        return result;
    }

    private JsonNode? BindValue(SpecField field, YamlNode node, string path, string where)
    {
        Locations[path] = context.At(node);
        return field.Shape switch
        {
            FieldShape.String => BindString(field, node, where),
            FieldShape.Integer => BindInteger(field, node, where),
            FieldShape.Boolean => context.Boolean(node, field.Name, where) is { } b ? JsonValue.Create(b) : null,
            FieldShape.List => BindList(field, node, path, where),
            FieldShape.Object => context.Mapping(node, field.Name, where) is { } m ? BindObject(field.Fields, m, path, $"{where}.{field.Name}") : null,
            FieldShape.Map => BindMap(field, node, path, where),
            _ => null,
        };
    }

    private JsonObject? BindMap(SpecField field, YamlNode node, string path, string where)
    {
        if (context.Map(node, field.Name, where) is not { } map)
        {
            return null;
        }

        // Each entry's own position, so a rule about one key (a secret-looking variable name) points at its line.
        foreach (var key in (node as YamlMappingNode)?.Children.Keys.OfType<YamlScalarNode>() ?? [])
        {
            Locations[$"{path}.{key.Value}"] = context.At(key);
        }

        return new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
    }

    private JsonValue? BindString(SpecField field, YamlNode node, string where)
    {
        var text = context.Text(node, field.Name, where);
        if (text is null)
        {
            return null;
        }

        if (field.AllowedValues is { } allowed && !allowed.Any(v => string.Equals(Convert.ToString(v, CultureInfo.InvariantCulture), text, StringComparison.Ordinal)))
        {
            context.Error(node, $"invalid value {DocumentContext.Shown(text)} for field '{field.Name}' in {where}; allowed: {string.Join(", ", allowed.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))}");
            return null;
        }

        if (field.IsCidr)
        {
            if (!Ipv4Cidr.TryParse(text, out var cidr, out var hostBits))
            {
                context.Error(node, $"invalid CIDR {DocumentContext.Shown(text)} in field '{field.Name}' of {where}; write an IPv4 range such as 10.0.0.0/16");
                return null;
            }

            if (hostBits)
            {
                context.Error(node, $"CIDR '{text}' in field '{field.Name}' of {where} has host bits set; did you mean '{cidr}'?");
                return null;
            }
        }

        if (field.Reference is { } reference)
        {
            References.Add(new ReferenceSite(new ResourceKey(reference.Kind, text), reference.Soft, context.At(node), field.Name, reference.AfterAttachedBy));
        }

        return field.IsFileContent ? ReadFile(field, node, text, where) : JsonValue.Create(text);
    }

    /// <summary>The content of the file a [FileContent] field names, relative to the document's own file.</summary>
    private JsonValue? ReadFile(SpecField field, YamlNode node, string relativePath, string where)
    {
        // Beside the document, not in a folder: a revision (a folder's or a commit's) holds the
        // environment folder's own files only, so the daemon reads exactly what was committed.
        if (relativePath.IndexOfAny(['/', '\\']) >= 0 || relativePath.StartsWith('.'))
        {
            var leaf = Path.GetFileName(relativePath.TrimEnd('/', '\\'));
            var example = leaf.Length > 0 && !leaf.StartsWith('.') ? leaf : "user-data.sh";
            context.Error(node, $"field '{field.Name}' in {where} names '{relativePath}'; name a file beside the document (no folders, not a hidden file), e.g. '{example}'");
            return null;
        }

        var path = Path.GetFullPath(relativePath, Path.GetDirectoryName(Path.GetFullPath(context.Document.File)) ?? ".");
        string content;
        try
        {
            content = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "does not exist",
                UnauthorizedAccessException when Directory.Exists(path) => "is a directory, not a file",
                _ => $"cannot be read ({e.Message})",
            };
            context.Error(node, $"file '{relativePath}' named by field '{field.Name}' in {where} {reason} (looked for {path}); put the file beside the document or fix the path");
            return null;
        }

        // The file is part of the desired state in git, like the document: no plaintext secrets in it either.
        if (SecretScanner.LooksLikeSecret(content))
        {
            context.Error(node, $"file '{relativePath}' named by field '{field.Name}' in {where} holds what looks like a plaintext secret; fetch it at boot from SSM Parameter Store or Secrets Manager instead");
            return null;
        }

        return JsonValue.Create(content);
    }

    private JsonValue? BindInteger(SpecField field, YamlNode node, string where)
    {
        if (context.Integer(node, field.Name, where) is not { } value)
        {
            return null;
        }

        var (min, max) = field.Range is { } range
            ? (range.Minimum, range.Maximum)
            : field.ClrType == typeof(int) ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue);
        if (value < min || value > max)
        {
            context.Error(node, $"value {value} for field '{field.Name}' in {where} is out of range; allowed: {min} to {max}");
            return null;
        }

        if (field.AllowedValues is { } allowed && !allowed.Any(v => Convert.ToInt64(v, CultureInfo.InvariantCulture) == value))
        {
            context.Error(node, $"invalid value {value} for field '{field.Name}' in {where}; allowed: {string.Join(", ", allowed)}");
            return null;
        }

        return JsonValue.Create(value);
    }

    private JsonArray? BindList(SpecField field, YamlNode node, string path, string where)
    {
        if (node is not YamlSequenceNode sequence)
        {
            context.Error(node, $"field '{field.Name}' in {where} must be a list, got {DocumentContext.Describe(node)}");
            return null;
        }

        var item = field.Item!;
        var array = new JsonArray();
        var index = 0;
        foreach (var child in sequence.Children)
        {
            var itemPath = $"{path}[{index}]";
            // A failed item stays as a null placeholder so indexes keep matching the document.
            if (DocumentContext.IsNull(child))
            {
                context.Error(child, $"item {index} of field '{field.Name}' in {where} is empty; remove it or give it a value");
                array.Add(null);
            }
            else if (item.Shape == FieldShape.Object)
            {
                Locations[itemPath] = context.At(child);
                if (child is YamlMappingNode mapping)
                {
                    array.Add(BindObject(item.Fields, mapping, itemPath, $"{where}.{field.Name}[{index}]"));
                }
                else
                {
                    context.Error(child, $"item {index} of field '{field.Name}' in {where} must be a mapping, got {DocumentContext.Describe(child)}");
                    array.Add(null);
                }
            }
            else
            {
                array.Add(BindValue(item, child, itemPath, where));
            }

            index++;
        }

        return array;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
