using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Planning;

/// <summary>
/// What a driver saw of one resource in AWS. <see cref="Live"/> is an instance of the kind's own
/// spec record (references as document names), so a driver cannot report a field the kind does
/// not have, and one diff serves every kind.
/// </summary>
public sealed record ObservedResource
{
    /// <summary>The resource it was found for (by its <c>reconciler:resource</c> tag or recorded identity).</summary>
    public required ResourceKey Key { get; init; }

    /// <summary>Whether it exists in AWS.</summary>
    public required bool Exists { get; init; }

    /// <summary>The live settings as the kind's spec record; null when it does not exist.</summary>
    public IResourceSpec? Live { get; init; }

    /// <summary>
    /// <see cref="Live"/> in the canonical JSON the planner compares and plans show
    /// (<see cref="SpecJson"/>); null when it does not exist.
    /// </summary>
    public JsonObject? LiveJson => Live is null ? null : SpecJson.Of(Live);

    /// <summary>The live tags (all of them, the controller's own included).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>AWS identifiers: at least <c>id</c>; <c>arn</c> where the kind has one.</summary>
    public IReadOnlyDictionary<string, string> Identity { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Values other resources and people read: ids, ARNs, names, endpoints.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>An observation of a resource that is not there.</summary>
    public static ObservedResource Missing(ResourceKey key) => new() { Key = key, Exists = false };
}
