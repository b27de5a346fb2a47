using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Stacks;

/// <summary>One validated resource document, ready to plan.</summary>
public sealed record DesiredResource
{
    /// <summary>Its kind and name.</summary>
    public required ResourceKey Key { get; init; }

    /// <summary>The typed spec (one record type per kind).</summary>
    public required IResourceSpec Spec { get; init; }

    /// <summary>
    /// The managed fields in canonical form: the spec as JSON (camelCase) without null members.
    /// The planner diffs exactly these fields against the live shape.
    /// </summary>
    public required JsonObject SpecJson { get; init; }

    /// <summary>The document's metadata block.</summary>
    public required ResourceMetadata Metadata { get; init; }

    /// <summary>Where the document starts.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The resources this one references, directly.</summary>
    public IReadOnlyList<ResourceKey> DependsOn { get; init; } = [];

    /// <summary>A hash of <see cref="SpecJson"/> and the tags: what was applied, recorded in state.</summary>
    public required string Hash { get; init; }

    /// <summary>The spec as its record type.</summary>
    public T SpecAs<T>() where T : IResourceSpec => (T)Spec;
}
