using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Reconciler.Model.Schema;

/// <summary>
/// The summaries of the Model assembly's doc comments, read from the XML documentation file the
/// build writes next to the assembly. Absent file, no descriptions: the schema stays valid.
/// </summary>
internal sealed partial class XmlDocs
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocs(Dictionary<string, string> summaries) => _summaries = summaries;

    public static XmlDocs Load(Assembly assembly)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = string.IsNullOrEmpty(assembly.Location) ? null : Path.ChangeExtension(assembly.Location, ".xml");
        if (path is null || !File.Exists(path))
        {
            return new XmlDocs(summaries);
        }

        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
            {
                summaries[name] = Flatten(summary);
            }
        }

        return new XmlDocs(summaries);
    }

    public string? Type(Type type) => _summaries.GetValueOrDefault($"T:{type.FullName}");

    public string? Property(PropertyInfo? property) =>
        property is null ? null : _summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private static string Flatten(XElement summary)
    {
        var copy = new XElement(summary);
        foreach (var see in copy.Descendants().Where(e => e.Name == "see" || e.Name == "paramref").ToList())
        {
            var target = see.Attribute("cref")?.Value ?? see.Attribute("name")?.Value ?? "";
            see.ReplaceWith(target[(target.LastIndexOfAny([':', '.']) + 1)..]);
        }

        return Whitespace().Replace(copy.Value, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
