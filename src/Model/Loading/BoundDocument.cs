using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>A resource document after binding: typed JSON, positions and references, possibly with errors.</summary>
internal sealed class BoundDocument
{
    public required SourceDocument Source { get; init; }

    public required KindInfo Kind { get; init; }

    /// <summary>The document's name; null when missing or invalid.</summary>
    public string? Name { get; init; }

    /// <summary>Where the document starts.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Where <c>metadata.name</c> is (the document start if missing).</summary>
    public required SourceLocation NameLocation { get; init; }

    public required ResourceMetadata? Metadata { get; init; }

    /// <summary>The spec as typed JSON: only what could be bound.</summary>
    public required JsonObject Spec { get; init; }

    /// <summary>Positions of the spec's values, by path.</summary>
    public required IReadOnlyDictionary<string, SourceLocation> Locations { get; init; }

    public required IReadOnlyList<ReferenceSite> References { get; init; }

    /// <summary>Whether binding this document reported anything.</summary>
    public bool HasErrors { get; set; }

    /// <summary>Whether the document is switched on (<c>metadata.enabled</c>); a switched-off one is validated but left out of the desired state.</summary>
    public bool Enabled => Metadata?.Enabled != false;

    public ResourceKey? Key => Name is null ? null : new ResourceKey(Kind.Name, Name);

    /// <summary>The position of a spec path, or of its nearest bound ancestor.</summary>
    public SourceLocation LocationOf(string path)
    {
        while (true)
        {
            if (Locations.TryGetValue(path, out var location))
            {
                return location;
            }

            if (path.Length == 0)
            {
                return Location;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut < 0 ? "" : path[..cut];
        }
    }
}
