using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>
/// Reads a <c>usage</c> block: the figures the cost estimate assumes, each a non-negative number,
/// keyed by an assumption the price table knows (<c>Kind.name</c> in the Stack document, the bare
/// name in a document's metadata). An unknown key is an error that lists the ones that exist, so a
/// typo never silently leaves the default in place.
/// </summary>
internal static class UsageReader
{
    /// <param name="context">The document being read.</param>
    /// <param name="node">The <c>usage</c> node.</param>
    /// <param name="where">Where the block is, for messages (<c>Stack spec.usage</c>, <c>metadata.usage</c>).</param>
    /// <param name="known">The keys the price table has an assumption for.</param>
    public static Dictionary<string, decimal>? Read(DocumentContext context, YamlNode node, string where, IReadOnlyCollection<string> known)
    {
        if (context.Mapping(node, "usage", where) is not { } mapping)
        {
            return null;
        }

        var usage = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in context.Entries(mapping, where))
        {
            if (!known.Contains(key))
            {
                var hint = known.Count == 0 ? "; this kind's estimate assumes no usage" : Suggestions.Hint(key, known, "usage figures");
                context.Error(keyNode, $"unknown usage '{key}' in {where}{hint}");
                continue;
            }

            if (context.Text(value, key, where, "a number") is not { } text)
            {
                continue;
            }

            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var figure))
            {
                context.Error(value, $"usage '{key}' in {where} must be a number of zero or more, e.g. 500, got '{text}'");
                continue;
            }

            usage[key] = figure;
        }

        return usage;
    }
}
