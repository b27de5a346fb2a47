using System.Collections.Immutable;

namespace Reconciler.Model.Planning;

/// <summary>What the state table remembers of a resource the controller applied.</summary>
public sealed record RecordedResource
{
    public required ResourceKey Key { get; init; }

    /// <summary>AWS identifiers recorded at create.</summary>
    public IReadOnlyDictionary<string, string> Identity { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Outputs recorded at the last apply.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The <see cref="Stacks.DesiredResource.Hash"/> last applied; null while a create is pending.</summary>
    public string? AppliedHash { get; init; }

    /// <summary>The deletion policy in force when last applied: the document is gone when it matters.</summary>
    public Stacks.DeletionPolicy DeletionPolicy { get; init; } = Stacks.DeletionPolicy.Delete;

    /// <summary>
    /// Whether the document chose <see cref="DeletionPolicy"/> itself (<c>metadata.deletionPolicy</c>).
    /// A stateful kind is deleted only when this is true and the policy is delete: a record that
    /// merely defaulted to delete never loses data. See <see cref="Stacks.ResourcePolicies.Deletion"/>.
    /// </summary>
    public bool ExplicitDeletionPolicy { get; init; }

    /// <summary>
    /// The tags the controller set at the last apply (effective tags, its own included). A key
    /// here that the document no longer has was the controller's, so it is removed; live keys
    /// never here were set by someone else and stay. Empty for records written before tags were recorded.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppliedTags { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The identity of a resource this one replaced (create-before-destroy) whose delete has not
    /// been confirmed yet; deleted by the next execution. Empty when there is none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Retiring { get; init; } = ImmutableDictionary<string, string>.Empty;
}
