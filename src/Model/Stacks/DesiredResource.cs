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

    /// <summary>
    /// The resources this one references directly with hard references: they must exist before
    /// it is created (edges of the dependency graph).
    /// </summary>
    public IReadOnlyList<ResourceKey> DependsOn { get; init; } = [];

    /// <summary>
    /// Resources named by soft references (security group rules naming another group): checked to
    /// exist, ordered first where possible, but allowed to form cycles. A driver must cope with a
    /// soft target that does not exist yet (authorise such rules in a second pass).
    /// </summary>
    public IReadOnlyList<ResourceKey> SoftReferences { get; init; } = [];

    /// <summary>
    /// SHA-256 (lowercase hex) of the canonical JSON of <c>{spec, tags}</c> (<see cref="SpecJson"/> and
    /// the effective tags): what was applied, recorded in state.
    /// </summary>
    public required string Hash { get; init; }

    /// <summary>The spec as its record type.</summary>
    public T SpecAs<T>() where T : IResourceSpec => (T)Spec;
}
