using System.Text.Json.Nodes;
using Reconciler.Model.Loading;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Kinds;

/// <summary>
/// What a kind's <see cref="IResourceSpec.Validate"/> sees of its document besides the record:
/// which fields the document writes, where, and a place to report errors at them. Paths are the
/// binder's: <c>billingMode</c>, <c>partitionKey.name</c>, <c>ingress[0].fromPort</c>.
/// It also offers the stack's policies and the folder's other documents, for rules between
/// documents (an Auto Scaling group's subnets must span two zones where the stack requires it).
/// </summary>
public sealed class SpecRules
{
    private readonly BoundDocument _document;
    private readonly BoundDocuments _documents;
    private readonly DiagnosticBag _bag;

    internal SpecRules(BoundDocument document, StackSpec? stack, BoundDocuments documents, DiagnosticBag bag)
    {
        _document = document;
        _documents = documents;
        _bag = bag;
        StackName = stack?.Name;
        Policies = stack?.Policies;
        AccountId = stack?.AccountId;
    }

    /// <summary>The stack's name, when the folder has a valid Stack document.</summary>
    public string? StackName { get; }

    /// <summary>The stack's AWS account id, when the folder has a valid Stack document (for ARNs a rule expects).</summary>
    public string? AccountId { get; }

    /// <summary>The stack's policies, when the folder has a valid Stack document.</summary>
    public StackPolicies? Policies { get; }

    /// <summary>
    /// The record of another document of kind <typeparamref name="TSpec"/> by its document name
    /// (e.g. a referenced subnet); null when no such document binds. Fields that failed to bind
    /// hold the record's defaults, so check them before concluding anything.
    /// </summary>
    public TSpec? Find<TSpec>(string name)
        where TSpec : class, IResourceSpec => _documents.Find<TSpec>(name);

    /// <summary>Every document of kind <typeparamref name="TSpec"/> that binds, with its name.</summary>
    public IEnumerable<(string Name, TSpec Spec)> All<TSpec>()
        where TSpec : class, IResourceSpec => _documents.All<TSpec>();

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

    /// <summary>Reports a warning at the path (or at its nearest written ancestor): printed, never blocking.</summary>
    public void Warn(string path, string message) => _bag.Warn(_document.LocationOf(path), message);

    /// <summary>Reports an error at the document's <c>metadata.name</c>: for values derived from the name.</summary>
    public void ErrorAtName(string message) => _bag.Add(_document.NameLocation, message);
}
