using System.Collections.Immutable;

namespace Reconciler.Model.Stacks;

/// <summary>The <c>metadata</c> block of a resource document.</summary>
public sealed record ResourceMetadata
{
    /// <summary>The document's name, unique within its kind in the stack.</summary>
    public required string Name { get; init; }

    /// <summary>Tags for this resource, added to the stack's tags (and winning over them).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Overrides the stack's drift policy for this resource.</summary>
    public DriftPolicy? Drift { get; init; }

    /// <summary>
    /// Overrides the stack's deletion policy. For stateful kinds only an explicit
    /// <see cref="DeletionPolicy.Delete"/> deletes; otherwise they are orphaned.
    /// </summary>
    public DeletionPolicy? DeletionPolicy { get; init; }

    /// <summary>
    /// Usage the cost estimate assumes for this resource alone, by assumption name (e.g. <c>storageGb: 500</c>
    /// on the model bucket), over the stack's <c>spec.usage</c> and the price table.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Usage { get; init; } = ImmutableDictionary<string, decimal>.Empty;

    /// <summary>
    /// Whether the document is part of the desired state, usually a stack variable
    /// (<c>enabled: ${var.containers}</c>) that switches a group of documents on or off for an
    /// environment. A switched-off document is still validated but absent from the desired state,
    /// so what it made is removed under the deletion policy (stateful kinds orphaned unless
    /// <c>deletionPolicy: delete</c>); a switched-on document may not reference it.
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Spec fields (dotted paths) owned by something else: never diffed, never drift.</summary>
    public IReadOnlyList<string> IgnoreFields { get; init; } = [];
}
