using System.Text.Json.Nodes;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary>
/// What a kind's <see cref="IResourceSpec.Validate"/> sees of its document besides the record:
/// which fields the document writes, where, and a place to report errors at them. Paths are the
/// binder's: <c>billingMode</c>, <c>partitionKey.name</c>, <c>ingress[0].fromPort</c>.
/// </summary>
public sealed class SpecRules
{
    private readonly BoundDocument _document;
    private readonly DiagnosticBag _bag;

    internal SpecRules(BoundDocument document, string? stackName, DiagnosticBag bag)
    {
        _document = document;
        _bag = bag;
        StackName = stackName;
    }

    /// <summary>The stack's name, when the folder has a valid Stack document.</summary>
    public string? StackName { get; }

    /// <summary>Whether binding this document already reported an error.</summary>
    public bool HasErrors => _document.HasErrors;

    /// <summary>Whether nothing of the spec could be bound.</summary>
    public bool IsEmpty => _document.Spec.Count == 0;

    /// <summary>Whether the document writes the path, valid or not.</summary>
    public bool IsSet(string path) => _document.Locations.ContainsKey(path);

    /// <summary>Whether the path holds a value that bound (an invalid value leaves the record's default).</summary>
    public bool HasValue(string path)
    {
        JsonNode? node = _document.Spec;
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            node = node?[bracket < 0 ? segment : segment[..bracket]];
            if (bracket >= 0)
            {
                node = node is JsonArray array && int.TryParse(segment[(bracket + 1)..^1], out var index) && index < array.Count ? array[index] : null;
            }
        }

        return node is not null;
    }

    /// <summary>Reports an error at the path (or at its nearest written ancestor).</summary>
    public void Error(string path, string message) => _bag.Add(_document.LocationOf(path), message);

    /// <summary>Reports an error at the document's <c>metadata.name</c>: for values derived from the name.</summary>
    public void ErrorAtName(string message) => _bag.Add(_document.NameLocation, message);
}
