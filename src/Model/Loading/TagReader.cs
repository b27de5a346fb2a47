using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>Reads a <c>tags</c> mapping and checks it against AWS's tag rules and the controller's reserved prefix.</summary>
internal static class TagReader
{
    /// <summary>The prefix of the controller's own tags, which documents may not set.</summary>
    public const string ReservedPrefix = "reconciler:";

    public static Dictionary<string, string>? Read(DocumentContext context, YamlNode node, string where)
    {
        var tags = context.Map(node, "tags", where);
        if (tags is null || node is not YamlMappingNode mapping)
        {
            return tags;
        }

        foreach (var (key, keyNode, _) in context.Entries(mapping, $"{where}.tags"))
        {
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                context.Error(keyNode, $"tag key '{key}' in {where}.tags uses the prefix 'aws:', which AWS reserves; rename the tag");
            }
            else if (key.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Error(keyNode, $"tag key '{key}' in {where}.tags uses the prefix '{ReservedPrefix}', which the controller sets itself; rename the tag");
            }
            else if (key.Length is 0 or > 128)
            {
                context.Error(keyNode, $"tag key '{key}' in {where}.tags is {key.Length} characters long; AWS allows 1 to 128");
            }
            else if (tags.TryGetValue(key, out var value) && value.Length > 256)
            {
                context.Error(keyNode, $"value of tag '{key}' in {where}.tags is {value.Length} characters long; AWS allows at most 256");
            }
        }

        return tags;
    }
}
